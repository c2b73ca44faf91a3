module Backend.State exposing (State, init)

import Array exposing (Array)
import Dict exposing (Dict)
import Game.Tree as T
import Game.Types exposing (Player, Shape(..))
import Json.Decode exposing (Value)
import Json.Encode
import Set
import Util.Extra exposing (..)


{-| The state: one field of every kind.
-}
type alias State =
    { count : Int
    , ratio : Float
    , name : String
    , flag : Bool
    , initial : Char
    , nothing : ()
    , pair : ( Int, String )
    , triple : ( Bool, Float, Char )
    , players : Dict String Player
    , byPosition : Dict ( Int, Int ) Shape
    , tags : Set.Set String
    , history : Array Int
    , maybe : Maybe (List Int)
    , result : Result String Int
    , raw : Value
    , rawToo : Json.Encode.Value
    , tree : T.Tree Shape
    , forest : T.Forest Int
    , named : Named { age : Int }
    , registry : Registry Int
    , nested : { inner : { deep : List { x : Int } } }
    , wide : Wide
    , empty : {}
    }


init : State
init =
    Debug.todo "not needed by the generator tests"
