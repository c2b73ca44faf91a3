module Backend.State exposing (..)



type alias State =
    { items : List Int String }
