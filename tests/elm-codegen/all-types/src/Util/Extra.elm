module Util.Extra exposing (Named, Registry, Wide)

import Dict exposing (Dict)


type alias Named r =
    { r | label : String }


type alias Registry k =
    Dict k String


type alias Wide =
    { a : Int, b : Int, c : Int, d : Int, e : Int, f : Int, g : Int, h : Int, i : Int }
