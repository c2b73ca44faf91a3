module Backend.Main exposing (State, main)

{-| elm-counter, version 1: a counter whose state libpersist keeps.

Events (each a String from the host):

  - "add N" adds the whole number N (which may be negative) and answers "count=<new count>"
  - "get" answers "count=<count>" and returns the state unchanged, so libpersist does not log it
  - anything else answers "error: ..." and leaves the state unchanged

The serialized state is "counter-v1 <count>", for example "counter-v1 42".

-}

import Persist


type alias State =
    { count : Int }


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
interfaceToHost_serializeState state =
    "counter-v1 " ++ String.fromInt state.count


interfaceToHost_deserializeState : String -> Result String State
interfaceToHost_deserializeState text =
    if String.startsWith "counter-v1 " text then
        case String.toInt (String.dropLeft 11 text) of
            Just count ->
                Ok { count = count }

            Nothing ->
                Err ("counter-v1: the count is not a whole number: " ++ text)

    else
        Err ("not a counter-v1 state: " ++ text)
