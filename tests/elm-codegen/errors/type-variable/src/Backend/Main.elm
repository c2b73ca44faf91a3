module Backend.Main exposing (main)

import Backend.State exposing (Box)


interfaceToHost_processEvent : String -> Box a -> ( Box a, String )
interfaceToHost_processEvent event state =
    ( state, event )
