module List exposing
    ( singleton, repeat, range, (::)
    , map, indexedMap, foldl, foldr, filter, filterMap
    , length, reverse, member, all, any, maximum, minimum, sum, product
    , append, concat, concatMap, intersperse, map2, map3, map4, map5
    , sort, sortBy, sortWith
    , isEmpty, head, tail, take, drop, partition, unzip
    )

{-| libpersist's stand-in for elm/core's List. Folds and maps are loops (`foldl` is tail
recursive, which the compiler turns into a `while` loop), so long lists do not exhaust the stack.
Sorting copies the list into a JavaScript array, sorts it with `Array.prototype.sort` and a
comparator, and builds a list again.
-}

import Basics exposing (..)
import Elm.Kernel.List
import Maybe exposing (Maybe(..))


infix right 5 (::) = cons


cons : a -> List a -> List a
cons =
    Elm.Kernel.List.cons


singleton : a -> List a
singleton value =
    [ value ]


repeat : Int -> a -> List a
repeat n value =
    repeatHelp [] n value


repeatHelp : List a -> Int -> a -> List a
repeatHelp acc n value =
    if n <= 0 then
        acc

    else
        repeatHelp (cons value acc) (n - 1) value


range : Int -> Int -> List Int
range lo hi =
    rangeHelp lo hi []


rangeHelp : Int -> Int -> List Int -> List Int
rangeHelp lo hi acc =
    if lo <= hi then
        rangeHelp lo (hi - 1) (cons hi acc)

    else
        acc


map : (a -> b) -> List a -> List b
map f xs =
    reverse (foldl (\x acc -> cons (f x) acc) [] xs)


indexedMap : (Int -> a -> b) -> List a -> List b
indexedMap f xs =
    map2 f (range 0 (length xs - 1)) xs


foldl : (a -> b -> b) -> b -> List a -> b
foldl f acc list =
    case list of
        [] ->
            acc

        x :: rest ->
            foldl f (f x acc) rest


foldr : (a -> b -> b) -> b -> List a -> b
foldr f acc list =
    foldl f acc (reverse list)


filter : (a -> Bool) -> List a -> List a
filter keep xs =
    reverse
        (foldl
            (\x acc ->
                if keep x then
                    cons x acc

                else
                    acc
            )
            []
            xs
        )


filterMap : (a -> Maybe b) -> List a -> List b
filterMap f xs =
    reverse
        (foldl
            (\x acc ->
                case f x of
                    Just y ->
                        cons y acc

                    Nothing ->
                        acc
            )
            []
            xs
        )


length : List a -> Int
length xs =
    foldl (\_ n -> n + 1) 0 xs


reverse : List a -> List a
reverse list =
    foldl cons [] list


member : a -> List a -> Bool
member x xs =
    any (\y -> y == x) xs


all : (a -> Bool) -> List a -> Bool
all ok list =
    case list of
        [] ->
            True

        x :: rest ->
            if ok x then
                all ok rest

            else
                False


any : (a -> Bool) -> List a -> Bool
any ok list =
    case list of
        [] ->
            False

        x :: rest ->
            if ok x then
                True

            else
                any ok rest


maximum : List comparable -> Maybe comparable
maximum list =
    case list of
        x :: rest ->
            Just (foldl max x rest)

        [] ->
            Nothing


minimum : List comparable -> Maybe comparable
minimum list =
    case list of
        x :: rest ->
            Just (foldl min x rest)

        [] ->
            Nothing


sum : List number -> number
sum numbers =
    foldl (+) 0 numbers


product : List number -> number
product numbers =
    foldl (*) 1 numbers


append : List a -> List a -> List a
append xs ys =
    case ys of
        [] ->
            xs

        _ ->
            foldl cons ys (reverse xs)


concat : List (List a) -> List a
concat lists =
    foldr append [] lists


concatMap : (a -> List b) -> List a -> List b
concatMap f list =
    concat (map f list)


intersperse : a -> List a -> List a
intersperse sep xs =
    case xs of
        [] ->
            []

        x :: rest ->
            cons x (foldr (\y acc -> cons sep (cons y acc)) [] rest)


map2 : (a -> b -> result) -> List a -> List b -> List result
map2 =
    Elm.Kernel.List.map2


map3 : (a -> b -> c -> result) -> List a -> List b -> List c -> List result
map3 =
    Elm.Kernel.List.map3


map4 : (a -> b -> c -> d -> result) -> List a -> List b -> List c -> List d -> List result
map4 =
    Elm.Kernel.List.map4


map5 : (a -> b -> c -> d -> e -> result) -> List a -> List b -> List c -> List d -> List e -> List result
map5 =
    Elm.Kernel.List.map5


sort : List comparable -> List comparable
sort xs =
    sortBy identity xs


sortBy : (a -> comparable) -> List a -> List a
sortBy =
    Elm.Kernel.List.sortBy


sortWith : (a -> a -> Order) -> List a -> List a
sortWith =
    Elm.Kernel.List.sortWith


isEmpty : List a -> Bool
isEmpty xs =
    case xs of
        [] ->
            True

        _ ->
            False


head : List a -> Maybe a
head list =
    case list of
        x :: _ ->
            Just x

        [] ->
            Nothing


tail : List a -> Maybe (List a)
tail list =
    case list of
        _ :: rest ->
            Just rest

        [] ->
            Nothing


take : Int -> List a -> List a
take n list =
    reverse (takeHelp n list [])


takeHelp : Int -> List a -> List a -> List a
takeHelp n list acc =
    if n <= 0 then
        acc

    else
        case list of
            [] ->
                acc

            x :: rest ->
                takeHelp (n - 1) rest (cons x acc)


drop : Int -> List a -> List a
drop n list =
    if n <= 0 then
        list

    else
        case list of
            [] ->
                list

            _ :: rest ->
                drop (n - 1) rest


partition : (a -> Bool) -> List a -> ( List a, List a )
partition pred list =
    let
        step x ( yes, no ) =
            if pred x then
                ( cons x yes, no )

            else
                ( yes, cons x no )
    in
    foldr step ( [], [] ) list


unzip : List ( a, b ) -> ( List a, List b )
unzip pairs =
    foldr (\( a, b ) ( xs, ys ) -> ( cons a xs, cons b ys )) ( [], [] ) pairs
