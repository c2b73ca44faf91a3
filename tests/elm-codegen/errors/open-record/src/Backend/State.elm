module Backend.State exposing (..)



type alias State =
    Named Int


type alias Named r =
    { r | name : String, extra : r }
