module Platform.Sub exposing (Sub, none, batch, map)

{-| libpersist's stand-in for elm/core's Platform.Sub.
-}

import Elm.Kernel.Platform


type Sub msg
    = Sub


none : Sub msg
none =
    batch []


batch : List (Sub msg) -> Sub msg
batch =
    Elm.Kernel.Platform.batch


map : (a -> msg) -> Sub a -> Sub msg
map =
    Elm.Kernel.Platform.map
