module Maybe exposing (Maybe(..), withDefault, map, map2, map3, map4, map5, andThen)

{-| libpersist's stand-in for elm/core's Maybe.
-}

import Basics exposing (..)


type Maybe a
    = Just a
    | Nothing


withDefault : a -> Maybe a -> a
withDefault fallback maybe =
    case maybe of
        Just value ->
            value

        Nothing ->
            fallback


map : (a -> b) -> Maybe a -> Maybe b
map f maybe =
    case maybe of
        Just value ->
            Just (f value)

        Nothing ->
            Nothing


map2 : (a -> b -> value) -> Maybe a -> Maybe b -> Maybe value
map2 f ma mb =
    andThen (\a -> map (f a) mb) ma


map3 : (a -> b -> c -> value) -> Maybe a -> Maybe b -> Maybe c -> Maybe value
map3 f ma mb mc =
    andThen (\a -> map2 (f a) mb mc) ma


map4 : (a -> b -> c -> d -> value) -> Maybe a -> Maybe b -> Maybe c -> Maybe d -> Maybe value
map4 f ma mb mc md =
    andThen (\a -> map3 (f a) mb mc md) ma


map5 : (a -> b -> c -> d -> e -> value) -> Maybe a -> Maybe b -> Maybe c -> Maybe d -> Maybe e -> Maybe value
map5 f ma mb mc md me =
    andThen (\a -> map4 (f a) mb mc md me) ma


andThen : (a -> Maybe b) -> Maybe a -> Maybe b
andThen next maybe =
    case maybe of
        Just value ->
            next value

        Nothing ->
            Nothing
