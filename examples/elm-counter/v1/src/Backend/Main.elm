module Backend.Main exposing (main)

{-| elm-counter, version 1: a counter whose state libpersist keeps.

Events (each a String from the host):

  - "add N" adds the whole number N (which may be negative) and answers "count=<new count>"
  - "get" answers "count=<count>" and returns the state unchanged, so libpersist does not log it
  - anything else answers "error: ..." and leaves the state unchanged

The state (`Backend.State`) is serialized as JSON by the code persist-elm-codegen generated from
its type (`Generated.Persist`), for example `{"count":42}`.

-}

import Backend.State exposing (State)
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
    { count = 0 }


interfaceToHost_processEvent : String -> State -> ( State, String )
interfaceToHost_processEvent event state =
    if String.startsWith "add " event then
        case String.toInt (String.dropLeft 4 event) of
            Just n ->
                let
                    count =
                        state.count + n
                in
                ( { count = count }, "count=" ++ String.fromInt count )

            Nothing ->
                ( state, "error: not a whole number: " ++ String.dropLeft 4 event )

    else if event == "get" then
        ( state, "count=" ++ String.fromInt state.count )

    else
        ( state, "error: unknown event: " ++ event )


interfaceToHost_serializeState : State -> String
interfaceToHost_serializeState =
    Generated.Persist.serializeState


interfaceToHost_deserializeState : String -> Result String State
interfaceToHost_deserializeState =
    Generated.Persist.deserializeState
