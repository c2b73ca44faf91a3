module Array exposing
    ( Array, empty, initialize, repeat, fromList
    , isEmpty, length, get
    , set, push, append, slice
    , toList, toIndexedList
    , map, indexedMap, foldl, foldr, filter
    )

{-| libpersist's stand-in for elm/core's Array: an immutable JavaScript array that every change
copies (elm/core uses a relaxed radix tree instead; the functions mean the same).
-}

import Basics exposing (..)
import Elm.Kernel.Array
import Elm.Kernel.List
import List
import Tuple
import Maybe exposing (Maybe(..))


{-| Values of this type are JavaScript arrays made by the kernel code; the constructor is never
built by Elm code.
-}
type Array a
    = Array_elm_builtin


empty : Array a
empty =
    Elm.Kernel.Array.empty


initialize : Int -> (Int -> a) -> Array a
initialize =
    Elm.Kernel.Array.initialize


repeat : Int -> a -> Array a
repeat n value =
    initialize n (\_ -> value)


fromList : List a -> Array a
fromList =
    Elm.Kernel.List.toArray


isEmpty : Array a -> Bool
isEmpty array =
    length array == 0


length : Array a -> Int
length =
    Elm.Kernel.Array.length


get : Int -> Array a -> Maybe a
get =
    Elm.Kernel.Array.get


set : Int -> a -> Array a -> Array a
set =
    Elm.Kernel.Array.set


push : a -> Array a -> Array a
push =
    Elm.Kernel.Array.push


append : Array a -> Array a -> Array a
append =
    Elm.Kernel.Array.append


slice : Int -> Int -> Array a -> Array a
slice =
    Elm.Kernel.Array.slice


toList : Array a -> List a
toList =
    Elm.Kernel.List.fromArray


toIndexedList : Array a -> List ( Int, a )
toIndexedList array =
    List.indexedMap Tuple.pair (toList array)


map : (a -> b) -> Array a -> Array b
map =
    Elm.Kernel.Array.map


indexedMap : (Int -> a -> b) -> Array a -> Array b
indexedMap =
    Elm.Kernel.Array.indexedMap


foldl : (a -> b -> b) -> b -> Array a -> b
foldl =
    Elm.Kernel.Array.foldl


foldr : (a -> b -> b) -> b -> Array a -> b
foldr =
    Elm.Kernel.Array.foldr


filter : (a -> Bool) -> Array a -> Array a
filter =
    Elm.Kernel.Array.filter
