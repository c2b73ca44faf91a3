module Result exposing (Result(..), map, mapError, andThen, withDefault, toMaybe)

import Basics exposing (..)
import Maybe exposing (Maybe(..))

type Result error value = Ok value | Err error

map : (a -> value) -> Result x a -> Result x value
map func ra =
    case ra of
        Ok a -> Ok (func a)
        Err e -> Err e
mapError : (x -> y) -> Result x a -> Result y a
mapError f result =
    case result of
        Ok v -> Ok v
        Err e -> Err (f e)
andThen : (a -> Result x b) -> Result x a -> Result x b
andThen callback result =
    case result of
        Ok value -> callback value
        Err msg -> Err msg
withDefault : a -> Result x a -> a
withDefault def result =
    case result of
        Ok a -> a
        Err _ -> def
toMaybe : Result x a -> Maybe a
toMaybe result =
    case result of
        Ok v -> Just v
        Err _ -> Nothing
