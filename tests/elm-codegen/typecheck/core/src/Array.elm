module Array exposing (map, Array, empty, fromList, toList, length, get, push)

import Basics exposing (..)
import Elm.Kernel.Array
import List
import Maybe exposing (Maybe)

type Array a = Array (List a)

empty : Array a
empty = Array []
fromList : List a -> Array a
fromList = Array
toList : Array a -> List a
toList (Array l) = l
length : Array a -> Int
length (Array l) = List.length l
get : Int -> Array a -> Maybe a
get = Elm.Kernel.Array.get
push : a -> Array a -> Array a
push = Elm.Kernel.Array.push
map : (a -> b) -> Array a -> Array b
map f (Array l) = Array (List.map f l)
