module Set exposing
    ( Set, empty, singleton, insert, remove
    , isEmpty, member, size
    , union, intersect, diff
    , toList, fromList
    , map, foldl, foldr, filter, partition
    )

{-| libpersist's stand-in for elm/core's Set: a `Dict` whose values are `()`.
-}

import Basics exposing (..)
import Dict exposing (Dict)
import List exposing ((::))


type Set t
    = Set_elm_builtin (Dict t ())


empty : Set a
empty =
    Set_elm_builtin Dict.empty


singleton : comparable -> Set comparable
singleton key =
    Set_elm_builtin (Dict.singleton key ())


insert : comparable -> Set comparable -> Set comparable
insert key (Set_elm_builtin dict) =
    Set_elm_builtin (Dict.insert key () dict)


remove : comparable -> Set comparable -> Set comparable
remove key (Set_elm_builtin dict) =
    Set_elm_builtin (Dict.remove key dict)


isEmpty : Set a -> Bool
isEmpty (Set_elm_builtin dict) =
    Dict.isEmpty dict


member : comparable -> Set comparable -> Bool
member key (Set_elm_builtin dict) =
    Dict.member key dict


size : Set a -> Int
size (Set_elm_builtin dict) =
    Dict.size dict


union : Set comparable -> Set comparable -> Set comparable
union (Set_elm_builtin a) (Set_elm_builtin b) =
    Set_elm_builtin (Dict.union a b)


intersect : Set comparable -> Set comparable -> Set comparable
intersect (Set_elm_builtin a) (Set_elm_builtin b) =
    Set_elm_builtin (Dict.intersect a b)


diff : Set comparable -> Set comparable -> Set comparable
diff (Set_elm_builtin a) (Set_elm_builtin b) =
    Set_elm_builtin (Dict.diff a b)


toList : Set a -> List a
toList (Set_elm_builtin dict) =
    Dict.keys dict


fromList : List comparable -> Set comparable
fromList keys =
    List.foldl insert empty keys


map : (comparable -> comparable2) -> Set comparable -> Set comparable2
map f set =
    fromList (foldr (\key acc -> f key :: acc) [] set)


foldl : (a -> b -> b) -> b -> Set a -> b
foldl f acc (Set_elm_builtin dict) =
    Dict.foldl (\key _ b -> f key b) acc dict


foldr : (a -> b -> b) -> b -> Set a -> b
foldr f acc (Set_elm_builtin dict) =
    Dict.foldr (\key _ b -> f key b) acc dict


filter : (comparable -> Bool) -> Set comparable -> Set comparable
filter keep (Set_elm_builtin dict) =
    Set_elm_builtin (Dict.filter (\key _ -> keep key) dict)


partition : (comparable -> Bool) -> Set comparable -> ( Set comparable, Set comparable )
partition pred (Set_elm_builtin dict) =
    let
        ( yes, no ) =
            Dict.partition (\key _ -> pred key) dict
    in
    ( Set_elm_builtin yes, Set_elm_builtin no )
