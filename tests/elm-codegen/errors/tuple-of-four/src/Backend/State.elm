module Backend.State exposing (..)



type alias State =
    { quad : ( Int, Int, Int, Int ) }
