module Backend.State exposing (..)

import Time

type alias State =
    { started : Time.Posix }
