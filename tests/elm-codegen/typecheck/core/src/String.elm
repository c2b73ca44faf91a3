module String exposing (String, length, fromInt, toInt, fromFloat, startsWith, dropLeft, split, join, fromChar, uncons, cons, append, concat, isEmpty, left, right, slice)

import Basics exposing (..)
import Char exposing (Char)
import Elm.Kernel.List
import Elm.Kernel.String
import Maybe exposing (Maybe)

type String = String

length : String -> Int
length = Elm.Kernel.String.length
fromInt : Int -> String
fromInt = Elm.Kernel.String.fromNumber
fromFloat : Float -> String
fromFloat = Elm.Kernel.String.fromNumber
toInt : String -> Maybe Int
toInt = Elm.Kernel.String.toInt
startsWith : String -> String -> Bool
startsWith = Elm.Kernel.String.startsWith
slice : Int -> Int -> String -> String
slice = Elm.Kernel.String.slice
left : Int -> String -> String
left n string = if n < 1 then "" else slice 0 n string
right : Int -> String -> String
right n string = if n < 1 then "" else slice -n (length string) string
dropLeft : Int -> String -> String
dropLeft n string = if n < 1 then string else slice n (length string) string
split : String -> String -> List String
split sep string = Elm.Kernel.List.fromArray (Elm.Kernel.String.split sep string)
join : String -> List String -> String
join sep chunks = Elm.Kernel.String.join sep (Elm.Kernel.List.toArray chunks)
fromChar : Char -> String
fromChar char = cons char ""
cons : Char -> String -> String
cons = Elm.Kernel.String.cons
uncons : String -> Maybe ( Char, String )
uncons = Elm.Kernel.String.uncons
append : String -> String -> String
append = Elm.Kernel.String.append
concat : List String -> String
concat strings = join "" strings
isEmpty : String -> Bool
isEmpty string = string == ""
