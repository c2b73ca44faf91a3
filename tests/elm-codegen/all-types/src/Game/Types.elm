module Game.Types exposing
    ( Player
    , Shape(..)
    , Big(..)
    )

import Game.Tree


type alias Player =
    { name : String
    , score : Int
    , pos : ( Int, Float )
    , big : Big
    }


{-| Shapes; `Empty` has no argument.
-}
type Shape
    = Circle Float
    | Rect Int Int
    | Labelled { label : String, inner : Shape }
    | Empty


type Big
    = Big Int Int Int Int Int Int Int Int Int
    | Small (Game.Tree.Tree Int)
