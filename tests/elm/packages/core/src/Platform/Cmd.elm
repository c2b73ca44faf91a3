module Platform.Cmd exposing (Cmd, none, batch, map)

{-| libpersist's stand-in for elm/core's Platform.Cmd.
-}

import Elm.Kernel.Platform


type Cmd msg
    = Cmd


none : Cmd msg
none =
    batch []


batch : List (Cmd msg) -> Cmd msg
batch =
    Elm.Kernel.Platform.batch


map : (a -> msg) -> Cmd a -> Cmd msg
map =
    Elm.Kernel.Platform.map
