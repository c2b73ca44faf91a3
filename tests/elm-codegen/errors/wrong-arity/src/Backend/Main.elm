module Backend.Main exposing (main)

import Backend.State exposing (State)


interfaceToHost_processEvent : String -> State -> ( State, String )
interfaceToHost_processEvent event state =
    ( state, event )
