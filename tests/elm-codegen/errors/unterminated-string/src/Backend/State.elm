module Backend.State exposing (..)



type alias State =
    { count : Int }


greeting =
    "hello
