module Char exposing (Char, toCode, fromCode)

import Basics exposing (..)
import Elm.Kernel.Char

type Char = Char

toCode : Char -> Int
toCode = Elm.Kernel.Char.toCode
fromCode : Int -> Char
fromCode = Elm.Kernel.Char.fromCode
