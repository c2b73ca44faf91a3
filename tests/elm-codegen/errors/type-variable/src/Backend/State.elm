module Backend.State exposing (Box)


type alias Box a =
    { item : a }
