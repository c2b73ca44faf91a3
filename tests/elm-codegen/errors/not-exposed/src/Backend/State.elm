module Backend.State exposing (Mode, State)


type alias State =
    { mode : Mode }


type Mode
    = On
    | Off
