module Char exposing
    ( Char, isUpper, isLower, isAlpha, isAlphaNum, isDigit, isOctDigit, isHexDigit
    , toUpper, toLower, toLocaleUpper, toLocaleLower, toCode, fromCode
    )

{-| libpersist's stand-in for elm/core's Char. The classifications are ASCII only, as in elm/core.
-}

import Basics exposing (..)
import Elm.Kernel.Char


type Char
    = Char


isUpper : Char -> Bool
isUpper char =
    let
        code =
            toCode char
    in
    0x41 <= code && code <= 0x5A


isLower : Char -> Bool
isLower char =
    let
        code =
            toCode char
    in
    0x61 <= code && code <= 0x7A


isAlpha : Char -> Bool
isAlpha char =
    isLower char || isUpper char


isAlphaNum : Char -> Bool
isAlphaNum char =
    isAlpha char || isDigit char


isDigit : Char -> Bool
isDigit char =
    let
        code =
            toCode char
    in
    0x30 <= code && code <= 0x39


isOctDigit : Char -> Bool
isOctDigit char =
    let
        code =
            toCode char
    in
    0x30 <= code && code <= 0x37


isHexDigit : Char -> Bool
isHexDigit char =
    let
        code =
            toCode char
    in
    isDigit char || (0x41 <= code && code <= 0x46) || (0x61 <= code && code <= 0x66)


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
