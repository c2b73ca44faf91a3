module Backend.State exposing (..)



type alias State =
    { count : Int }


letters =
    'ab'
