module List exposing (singleton, (::), map, foldl, foldr, length, reverse, concat, concatMap, filter, filterMap, head, isEmpty, indexedMap, map2, all, any, member, append, range)

import Basics exposing (..)
import Elm.Kernel.List
import Maybe exposing (Maybe(..))

infix right 5 (::) = cons

singleton : a -> List a
singleton value = [ value ]
cons : a -> List a -> List a
cons = Elm.Kernel.List.cons
map : (a -> b) -> List a -> List b
map f xs = foldr (\x acc -> cons (f x) acc) [] xs
indexedMap : (Int -> a -> b) -> List a -> List b
indexedMap f xs = map2 f (range 0 (length xs - 1)) xs
range : Int -> Int -> List Int
range = Elm.Kernel.List.range
map2 : (a -> b -> result) -> List a -> List b -> List result
map2 = Elm.Kernel.List.map2
foldl : (a -> b -> b) -> b -> List a -> b
foldl func acc list =
    case list of
        [] -> acc
        x :: xs -> foldl func (func x acc) xs
foldr : (a -> b -> b) -> b -> List a -> b
foldr fn acc ls = foldl fn acc (reverse ls)
length : List a -> Int
length xs = foldl (\_ i -> i + 1) 0 xs
reverse : List a -> List a
reverse list = foldl cons [] list
append : List a -> List a -> List a
append xs ys = foldr cons ys xs
concat : List (List a) -> List a
concat lists = foldr append [] lists
concatMap : (a -> List b) -> List a -> List b
concatMap f list = concat (map f list)
filter : (a -> Bool) -> List a -> List a
filter isGood list = foldr (\x xs -> if isGood x then cons x xs else xs) [] list
filterMap : (a -> Maybe b) -> List a -> List b
filterMap f xs = foldr (\x acc -> case f x of
                                       Just y -> cons y acc
                                       Nothing -> acc) [] xs
head : List a -> Maybe a
head list =
    case list of
        x :: _ -> Just x
        [] -> Nothing
isEmpty : List a -> Bool
isEmpty xs =
    case xs of
        [] -> True
        _ -> False
all : (a -> Bool) -> List a -> Bool
all isOkay list = not (any (not << isOkay) list)
any : (a -> Bool) -> List a -> Bool
any isOkay list =
    case list of
        [] -> False
        x :: xs -> if isOkay x then True else any isOkay xs
member : a -> List a -> Bool
member x xs = any (\a -> a == x) xs
