module Char exposing
    ( Char
    , fromCode
    , isAlpha
    , isAlphaNum
    , isDigit
    , isHexDigit
    , isLower
    , isOctDigit
    , isUpper
    , toCode
    , toLocaleLower
    , toLocaleUpper
    , toLower
    , toUpper
    )

{-| libpersist's stand-in for elm/core's Char. The classifications are ASCII only, as in elm/core.
-}

import Basics exposing (..)
import Elm.Kernel.Char


type Char
    = Char


isUpper : Char -> Bool
isUpper char =
    between 0x41 0x5A char


isLower : Char -> Bool
isLower char =
    between 0x61 0x7A char


isAlpha : Char -> Bool
isAlpha char =
    isLower char || isUpper char


isAlphaNum : Char -> Bool
isAlphaNum char =
    isAlpha char || isDigit char


isDigit : Char -> Bool
isDigit char =
    between 0x30 0x39 char


isOctDigit : Char -> Bool
isOctDigit char =
    between 0x30 0x37 char


isHexDigit : Char -> Bool
isHexDigit char =
    isDigit char || between 0x41 0x46 char || between 0x61 0x66 char


{-| Is the character's code from `low` to `high`?
-}
between : Int -> Int -> Char -> Bool
between low high char =
    let
        code =
            toCode char
    in
    low <= code && code <= high


toUpper : Char -> Char
toUpper =
    Elm.Kernel.Char.toUpper


toLower : Char -> Char
toLower =
    Elm.Kernel.Char.toLower


toLocaleUpper : Char -> Char
toLocaleUpper =
    Elm.Kernel.Char.toUpper


toLocaleLower : Char -> Char
toLocaleLower =
    Elm.Kernel.Char.toLower


toCode : Char -> Int
toCode =
    Elm.Kernel.Char.toCode


fromCode : Int -> Char
fromCode =
    Elm.Kernel.Char.fromCode
