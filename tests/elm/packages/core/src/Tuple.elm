module Tuple exposing (pair, first, second, mapFirst, mapSecond, mapBoth)

{-| libpersist's stand-in for elm/core's Tuple.
-}

import Basics exposing (..)


pair : a -> b -> ( a, b )
pair a b =
    ( a, b )


first : ( a, b ) -> a
first ( a, _ ) =
    a


second : ( a, b ) -> b
second ( _, b ) =
    b


mapFirst : (a -> x) -> ( a, b ) -> ( x, b )
mapFirst f ( a, b ) =
    ( f a, b )


mapSecond : (b -> y) -> ( a, b ) -> ( a, y )
mapSecond f ( a, b ) =
    ( a, f b )


mapBoth : (a -> x) -> (b -> y) -> ( a, b ) -> ( x, y )
mapBoth f g ( a, b ) =
    ( f a, g b )
