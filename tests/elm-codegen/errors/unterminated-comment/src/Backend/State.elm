module Backend.State exposing (..)



{- one {- two -}
type alias State =
    { count : Int }
