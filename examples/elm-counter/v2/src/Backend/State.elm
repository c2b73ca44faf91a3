module Backend.State exposing (State)

{-| elm-counter's state, version 2: adds `lastEvent`, the text of the last "add" event.
-}


type alias State =
    { count : Int
    , lastEvent : String
    }
