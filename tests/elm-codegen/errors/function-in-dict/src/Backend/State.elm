module Backend.State exposing (..)

import Dict exposing (Dict)

type alias State =
    { players : Dict String Player }


type alias Player =
    { name : String, onTick : Int -> Int }
