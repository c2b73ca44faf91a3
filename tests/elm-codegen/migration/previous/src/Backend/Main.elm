module Backend.Main exposing (main)

import Game.State exposing (State)
import Generated.Persist

main : Program () State ()
main =
    Debug.todo "only the annotation below matters to the generator"

interfaceToHost_processEvent : String -> State -> ( State, String )
interfaceToHost_processEvent event state =
    ( state, event )
