module Backend.Main exposing (main)

{-| The rules of the territory game, version 1 (Game.Rules), as a libpersist app. Events and
responses are JSON texts; docs/elm.md lists them.
-}

import Game.Rules
import Game.State exposing (State)
import Generated.Persist
import Persist


main : Persist.Worker State
main =
    Persist.worker
        { initState = interfaceToHost_initState
        , processEvent = interfaceToHost_processEvent
        , serializeState = interfaceToHost_serializeState
        , deserializeState = interfaceToHost_deserializeState
        }


interfaceToHost_initState : State
interfaceToHost_initState =
    Game.Rules.initState


interfaceToHost_processEvent : String -> State -> ( State, String )
interfaceToHost_processEvent =
    Game.Rules.processEvent


interfaceToHost_serializeState : State -> String
interfaceToHost_serializeState =
    Generated.Persist.serializeState


interfaceToHost_deserializeState : String -> Result String State
interfaceToHost_deserializeState =
    Generated.Persist.deserializeState
