module Game.State exposing (Event(..), Mode(..), Player, State, Team)

import Dict exposing (Dict)


type alias State =
    { players : Dict String Player
    , teams : List Team
    , mode : Mode
    , history : List Event
    , paused : Bool
    }


type alias Player =
    { name : String, score : Int, lives : Int }


type alias Team =
    { members : List Player, best : Maybe Player }


type Mode
    = Lobby
    | Playing Int


type Event
    = Joined String
    | Scored String Int
    | Left String
