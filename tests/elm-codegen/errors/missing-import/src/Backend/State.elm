module Backend.State exposing (..)



type alias State =
    { when : Clock.Time }
