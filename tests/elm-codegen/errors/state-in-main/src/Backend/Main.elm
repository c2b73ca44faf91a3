module Backend.Main exposing (main)


type alias State =
    { count : Int }


interfaceToHost_processEvent : String -> State -> ( State, String )
interfaceToHost_processEvent event state =
    ( state, event )
