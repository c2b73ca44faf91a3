module Backend.State exposing (State)

{-| elm-counter's state, version 1. It lives in a module of its own because persist-elm-codegen
generates `Generated.Persist` from it, and the main module imports that.
-}


type alias State =
    { count : Int }
