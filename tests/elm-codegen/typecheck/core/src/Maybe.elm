module Maybe exposing (Maybe(..), withDefault, map, andThen)

import Basics exposing (..)

type Maybe a = Just a | Nothing

withDefault : a -> Maybe a -> a
withDefault default maybe =
    case maybe of
        Just value -> value
        Nothing -> default
map : (a -> b) -> Maybe a -> Maybe b
map f maybe =
    case maybe of
        Just value -> Just (f value)
        Nothing -> Nothing
andThen : (a -> Maybe b) -> Maybe a -> Maybe b
andThen callback maybeValue =
    case maybeValue of
        Just value -> callback value
        Nothing -> Nothing
