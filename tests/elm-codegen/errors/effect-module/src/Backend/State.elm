effect module Backend.State where { command = MyCmd } exposing (State)


type alias State =
    { count : Int }
