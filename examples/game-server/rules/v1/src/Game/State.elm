module Game.State exposing (Move, Player, State)

{-| The game's state, version 1: what libpersist keeps. persist-elm-codegen generates its JSON
form (`Generated.Persist`) from these types.
-}

import Dict exposing (Dict)


{-| `width` is 0 until the board is created. `board` maps a cell `( x, y )` to the id of the
player who owns it; free cells are absent. `recentMoves` holds the last 20 moves, newest first.
-}
type alias State =
    { width : Int
    , height : Int
    , board : Dict ( Int, Int ) String
    , players : Dict String Player
    , recentMoves : List Move
    }


{-| `score` is the number of cells the player owns; `lastMoveTime` the event time (ms) of the
player's last move or of joining; `color` an index that no other player present has.
-}
type alias Player =
    { name : String
    , score : Int
    , lastMoveTime : Int
    , color : Int
    }


type alias Move =
    { player : String
    , x : Int
    , y : Int
    , time : Int
    }
