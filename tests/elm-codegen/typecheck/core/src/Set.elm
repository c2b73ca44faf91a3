module Set exposing (map, Set, empty, insert, fromList, toList, member, size)

import Basics exposing (..)
import Dict exposing (Dict)
import List

type Set t = Set_elm_builtin (Dict t ())

empty : Set a
empty = Set_elm_builtin Dict.empty
insert : comparable -> Set comparable -> Set comparable
insert key (Set_elm_builtin dict) = Set_elm_builtin (Dict.insert key () dict)
member : comparable -> Set comparable -> Bool
member key (Set_elm_builtin dict) = Dict.member key dict
size : Set a -> Int
size (Set_elm_builtin dict) = Dict.size dict
fromList : List comparable -> Set comparable
fromList list = List.foldl insert empty list
toList : Set a -> List a
toList (Set_elm_builtin dict) = Dict.keys dict
map : (comparable -> comparable2) -> Set comparable -> Set comparable2
map func set = fromList (List.map func (toList set))
