port module Backend.Main exposing (main)

{-| A libpersist test fixture for persist-elm-codegen: every supported type, every import form.
-}

import Backend.State exposing (..)
import Generated.Persist


port toHost : String -> Cmd msg


interfaceToHost_initState : State
interfaceToHost_initState =
    Backend.State.init


{- A multi-line comment with code-looking lines:
type alias NotAType = Int
   {- nested -}
-}
interfaceToHost_processEvent : String -> State -> ( State, String )
interfaceToHost_processEvent event state =
    let
        quote =
            '\''

        emoji =
            '\u{1F600}'

        text =
            """
type alias Fake = { broken
import Nothing
"""
    in
    ( state, event ++ String.fromChar quote ++ String.fromChar emoji ++ text ++ "-- not a comment {-" )


interfaceToHost_serializeState : State -> String
interfaceToHost_serializeState =
    Generated.Persist.serializeState


interfaceToHost_deserializeState : String -> Result String State
interfaceToHost_deserializeState =
    Generated.Persist.deserializeState


main : Program () State ()
main =
    Platform.worker
        { init = \_ -> ( interfaceToHost_initState, Cmd.none )
        , update = \_ s -> ( Tuple.first (interfaceToHost_processEvent "" s), toHost (interfaceToHost_serializeState s) )
        , subscriptions = \_ -> Sub.none
        }
