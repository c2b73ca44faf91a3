module Debug exposing (toString, log, todo)

import Basics exposing (..)
import Elm.Kernel.Debug
import String exposing (String)

toString : a -> String
toString = Elm.Kernel.Debug.toString
log : String -> a -> a
log = Elm.Kernel.Debug.log
todo : String -> a
todo = Elm.Kernel.Debug.todo
