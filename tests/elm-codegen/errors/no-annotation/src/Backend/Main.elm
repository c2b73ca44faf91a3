module Backend.Main exposing (main)


interfaceToHost_processEvent event state =
    ( state, event )
