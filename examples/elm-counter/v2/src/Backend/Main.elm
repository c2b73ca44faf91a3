module Backend.Main exposing (State, main)

{-| elm-counter, version 2: adds `lastEvent`, the text of the last "add" event, and a migration.

Events (each a String from the host):

  - "add N" adds the whole number N (which may be negative), remembers the event and answers
    "count=<new count>"
  - "get" answers "count=<count>" and returns the state unchanged, so libpersist does not log it
  - "last" answers "last=<last add event>", also without changing the state
  - anything else answers "error: ..." and leaves the state unchanged

The serialized state is "counter-v2 <count> <lastEvent>", for example "counter-v2 42 add 2".
`interfaceToHost_migrateFromSerialized` accepts version 1's "counter-v1 <count>" and version 2's
own form, so version 2 can also be redeployed with migration.

-}

import Persist


type alias State =
    { count : Int
    , lastEvent : String
    }


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
interfaceToHost_serializeState state =
    "counter-v2 " ++ String.fromInt state.count ++ " " ++ state.lastEvent


interfaceToHost_deserializeState : String -> Result String State
interfaceToHost_deserializeState text =
    case String.split " " text of
        "counter-v2" :: countText :: lastEventWords ->
            case String.toInt countText of
                Just count ->
                    Ok { count = count, lastEvent = String.join " " lastEventWords }

                Nothing ->
                    Err ("counter-v2: the count is not a whole number: " ++ text)

        _ ->
            Err ("not a counter-v2 state: " ++ text)


interfaceToHost_migrateFromSerialized : String -> Result String State
interfaceToHost_migrateFromSerialized text =
    if String.startsWith "counter-v1 " text then
        case String.toInt (String.dropLeft 11 text) of
            Just count ->
                Ok { count = count, lastEvent = "" }

            Nothing ->
                Err ("cannot migrate from counter-v1: the count is not a whole number: " ++ text)

    else if String.startsWith "counter-v2 " text then
        interfaceToHost_deserializeState text

    else
        Err ("cannot migrate to counter-v2 from this state (expected counter-v1 or counter-v2): " ++ text)
