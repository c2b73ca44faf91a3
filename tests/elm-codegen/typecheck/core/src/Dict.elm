module Dict exposing (map, Dict, empty, insert, get, fromList, toList, keys, values, size, member, foldl)

import Basics exposing (..)
import Elm.Kernel.Dict
import List exposing ((::))
import Maybe exposing (Maybe(..))

type Dict k v = Dict (List ( k, v ))

empty : Dict k v
empty = Dict []
insert : comparable -> v -> Dict comparable v -> Dict comparable v
insert = Elm.Kernel.Dict.insert
get : comparable -> Dict comparable v -> Maybe v
get = Elm.Kernel.Dict.get
member : comparable -> Dict comparable v -> Bool
member = Elm.Kernel.Dict.member
size : Dict k v -> Int
size (Dict l) = List.length l
fromList : List ( comparable, v ) -> Dict comparable v
fromList assocs = List.foldl (\( key, value ) dict -> insert key value dict) empty assocs
toList : Dict k v -> List ( k, v )
toList (Dict l) = l
keys : Dict k v -> List k
keys (Dict l) = List.map (\( k, _ ) -> k) l
values : Dict k v -> List v
values (Dict l) = List.map (\( _, v ) -> v) l
foldl : (k -> v -> b -> b) -> b -> Dict k v -> b
foldl func acc (Dict l) = List.foldl (\( k, v ) a -> func k v a) acc l
map : (k -> a -> b) -> Dict k a -> Dict k b
map f (Dict l) = Dict (List.map (\( k, v ) -> ( k, f k v )) l)
