module Backend.Main exposing (main)

{-| elm-counter, version 2: adds `lastEvent`, the text of the last "add" event, and a migration.

Events (each a String from the host):

  - "add N" adds the whole number N (which may be negative), remembers the event and answers
    "count=<new count>"
  - "get" answers "count=<count>" and returns the state unchanged, so libpersist does not log it
  - "last" answers "last=<last add event>", also without changing the state
  - anything else answers "error: ..." and leaves the state unchanged

The state is serialized as JSON by the generated `Generated.Persist`, for example
`{"count":42,"lastEvent":"add 2"}`. `interfaceToHost_migrateFromSerialized` is the generated
`Migrate.migrateFromSerialized`: it accepts this version's own text, so version 2 can also be
redeployed with migration, and version 1's `{"count":42}`, which it converts with the one
conversion written by hand in `Migrate.elm` (`lastEvent` starts empty).

-}

import Backend.State exposing (State)
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
    { count = 0, lastEvent = "" }


interfaceToHost_processEvent : String -> State -> ( State, String )
interfaceToHost_processEvent event state =
    if String.startsWith "add " event then
        case String.toInt (String.dropLeft 4 event) of
            Just n ->
                let
                    count =
                        state.count + n
                in
                ( { count = count, lastEvent = event }, "count=" ++ String.fromInt count )

            Nothing ->
                ( state, "error: not a whole number: " ++ String.dropLeft 4 event )

    else if event == "get" then
        ( state, "count=" ++ String.fromInt state.count )

    else if event == "last" then
        ( state, "last=" ++ state.lastEvent )

    else
        ( state, "error: unknown event: " ++ event )


interfaceToHost_serializeState : State -> String
interfaceToHost_serializeState =
    Generated.Persist.serializeState


interfaceToHost_deserializeState : String -> Result String State
interfaceToHost_deserializeState =
    Generated.Persist.deserializeState


interfaceToHost_migrateFromSerialized : String -> Result String State
interfaceToHost_migrateFromSerialized =
    Migrate.migrateFromSerialized
