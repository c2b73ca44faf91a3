module String exposing
    ( String, isEmpty, length, reverse, repeat, replace
    , append, concat, split, join, words, lines
    , slice, left, right, dropLeft, dropRight
    , contains, startsWith, endsWith, indexes, indices
    , toInt, fromInt, toFloat, fromFloat, fromChar, cons, uncons, toList, fromList
    , toUpper, toLower, pad, padLeft, padRight, trim, trimLeft, trimRight
    , map, filter, foldl, foldr, any, all
    )

{-| libpersist's stand-in for elm/core's String. Strings are JavaScript strings; lengths and
indexes count UTF-16 code units, as in elm/core, while the functions that go through characters
(`toList`, `foldl`, `map`, `reverse`, ...) keep a surrogate pair together as one `Char`.
-}

import Basics exposing (..)
import Char exposing (Char)
import Elm.Kernel.List
import Elm.Kernel.String
import List exposing ((::))
import Maybe exposing (Maybe)


type String
    = String


isEmpty : String -> Bool
isEmpty string =
    string == ""


length : String -> Int
length =
    Elm.Kernel.String.length


reverse : String -> String
reverse =
    Elm.Kernel.String.reverse


repeat : Int -> String -> String
repeat =
    Elm.Kernel.String.repeat


replace : String -> String -> String -> String
replace before after string =
    join after (split before string)


append : String -> String -> String
append =
    Elm.Kernel.String.append


concat : List String -> String
concat strings =
    join "" strings


split : String -> String -> List String
split sep string =
    Elm.Kernel.List.fromArray (Elm.Kernel.String.split sep string)


join : String -> List String -> String
join sep chunks =
    Elm.Kernel.String.join sep (Elm.Kernel.List.toArray chunks)


words : String -> List String
words =
    Elm.Kernel.String.words


lines : String -> List String
lines =
    Elm.Kernel.String.lines


slice : Int -> Int -> String -> String
slice =
    Elm.Kernel.String.slice


left : Int -> String -> String
left n string =
    if n < 1 then
        ""

    else
        slice 0 n string


right : Int -> String -> String
right n string =
    if n < 1 then
        ""

    else
        slice -n (length string) string


dropLeft : Int -> String -> String
dropLeft n string =
    if n < 1 then
        string

    else
        slice n (length string) string


dropRight : Int -> String -> String
dropRight n string =
    if n < 1 then
        string

    else
        slice 0 -n string


contains : String -> String -> Bool
contains =
    Elm.Kernel.String.contains


startsWith : String -> String -> Bool
startsWith =
    Elm.Kernel.String.startsWith


endsWith : String -> String -> Bool
endsWith =
    Elm.Kernel.String.endsWith


indexes : String -> String -> List Int
indexes =
    Elm.Kernel.String.indexes


indices : String -> String -> List Int
indices =
    Elm.Kernel.String.indexes


toInt : String -> Maybe Int
toInt =
    Elm.Kernel.String.toInt


fromInt : Int -> String
fromInt =
    Elm.Kernel.String.fromNumber


toFloat : String -> Maybe Float
toFloat =
    Elm.Kernel.String.toFloat


fromFloat : Float -> String
fromFloat =
    Elm.Kernel.String.fromNumber


fromChar : Char -> String
fromChar char =
    cons char ""


cons : Char -> String -> String
cons =
    Elm.Kernel.String.cons


uncons : String -> Maybe ( Char, String )
uncons =
    Elm.Kernel.String.uncons


toList : String -> List Char
toList string =
    foldr (::) [] string


fromList : List Char -> String
fromList =
    Elm.Kernel.String.fromList


toUpper : String -> String
toUpper =
    Elm.Kernel.String.toUpper


toLower : String -> String
toLower =
    Elm.Kernel.String.toLower


pad : Int -> Char -> String -> String
pad n char string =
    let
        half =
            Basics.toFloat (n - length string) / 2
    in
    repeat (ceiling half) (fromChar char) ++ string ++ repeat (floor half) (fromChar char)


padLeft : Int -> Char -> String -> String
padLeft n char string =
    repeat (n - length string) (fromChar char) ++ string


padRight : Int -> Char -> String -> String
padRight n char string =
    string ++ repeat (n - length string) (fromChar char)


trim : String -> String
trim =
    Elm.Kernel.String.trim


trimLeft : String -> String
trimLeft =
    Elm.Kernel.String.trimLeft


trimRight : String -> String
trimRight =
    Elm.Kernel.String.trimRight


map : (Char -> Char) -> String -> String
map =
    Elm.Kernel.String.map


filter : (Char -> Bool) -> String -> String
filter =
    Elm.Kernel.String.filter


foldl : (Char -> b -> b) -> b -> String -> b
foldl =
    Elm.Kernel.String.foldl


foldr : (Char -> b -> b) -> b -> String -> b
foldr =
    Elm.Kernel.String.foldr


any : (Char -> Bool) -> String -> Bool
any =
    Elm.Kernel.String.any


all : (Char -> Bool) -> String -> Bool
all =
    Elm.Kernel.String.all
