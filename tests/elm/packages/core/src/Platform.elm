module Platform exposing (Program, worker, Task, ProcessId, Router)

{-| libpersist's stand-in for elm/core's Platform: `worker` builds a program whose `init` runs
the app's `init` with the decoded flags. There are no effect managers: commands and
subscriptions are accepted and never run (libpersist never calls `init`; it calls the app's
top-level functions directly).
-}

import Basics exposing (..)
import Elm.Kernel.Platform
import Platform.Cmd exposing (Cmd)
import Platform.Sub exposing (Sub)


type Program flags model msg
    = Program


type Task err ok
    = Task


type ProcessId
    = ProcessId


type Router appMsg selfMsg
    = Router


worker :
    { init : flags -> ( model, Cmd msg )
    , update : msg -> model -> ( model, Cmd msg )
    , subscriptions : model -> Sub msg
    }
    -> Program flags model msg
worker =
    Elm.Kernel.Platform.worker
