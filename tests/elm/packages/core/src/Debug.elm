module Debug exposing (toString, log, todo)

{-| libpersist's stand-in for elm/core's Debug. `log` writes through `console.log`, which
libpersist hands to the host's log callback; `todo` throws.
-}

import Basics exposing (..)
import Elm.Kernel.Debug
import String exposing (String)


toString : a -> String
toString =
    Elm.Kernel.Debug.toString


log : String -> a -> a
log =
    Elm.Kernel.Debug.log


todo : String -> a
todo =
    Elm.Kernel.Debug.todo
