module Backend.Main exposing (main)

{-| The rules of the territory game, version 2 (Game.Rules: captures), as a libpersist app.
Deployed with migration over version 1: `Migrate.migrateFromSerialized` (generated, with the one
conversion of `Player` written by hand) reads version 1's state and its own.
-}

import Game.Rules
import Game.State exposing (State)
import Generated.Persist
import Migrate
import Persist


main : Persist.WorkerWithMigration State
main =
    Persist.workerWithMigration
        { initState = interfaceToHost_initState
        , processEvent = interfaceToHost_processEvent
        , serializeState = interfaceToHost_serializeState
        , deserializeState = interfaceToHost_deserializeState
        , migrateFromSerialized = interfaceToHost_migrateFromSerialized
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


interfaceToHost_migrateFromSerialized : String -> Result String State
interfaceToHost_migrateFromSerialized =
    Migrate.migrateFromSerialized
