module Result exposing (Result(..), map, map2, map3, map4, map5, andThen, withDefault, toMaybe, fromMaybe, mapError)

{-| libpersist's stand-in for elm/core's Result.
-}

import Basics exposing (..)
import Maybe exposing (Maybe(..))


type Result error value
    = Ok value
    | Err error


map : (a -> value) -> Result x a -> Result x value
map f result =
    case result of
        Ok a ->
            Ok (f a)

        Err e ->
            Err e


map2 : (a -> b -> value) -> Result x a -> Result x b -> Result x value
map2 f ra rb =
    andThen (\a -> map (f a) rb) ra


map3 : (a -> b -> c -> value) -> Result x a -> Result x b -> Result x c -> Result x value
map3 f ra rb rc =
    andThen (\a -> map2 (f a) rb rc) ra


map4 : (a -> b -> c -> d -> value) -> Result x a -> Result x b -> Result x c -> Result x d -> Result x value
map4 f ra rb rc rd =
    andThen (\a -> map3 (f a) rb rc rd) ra


map5 : (a -> b -> c -> d -> e -> value) -> Result x a -> Result x b -> Result x c -> Result x d -> Result x e -> Result x value
map5 f ra rb rc rd re =
    andThen (\a -> map4 (f a) rb rc rd re) ra


andThen : (a -> Result x b) -> Result x a -> Result x b
andThen next result =
    case result of
        Ok value ->
            next value

        Err e ->
            Err e


withDefault : a -> Result x a -> a
withDefault fallback result =
    case result of
        Ok value ->
            value

        Err _ ->
            fallback


toMaybe : Result x a -> Maybe a
toMaybe result =
    case result of
        Ok value ->
            Just value

        Err _ ->
            Nothing


fromMaybe : x -> Maybe a -> Result x a
fromMaybe e maybe =
    case maybe of
        Just value ->
            Ok value

        Nothing ->
            Err e


mapError : (x -> y) -> Result x a -> Result y a
mapError f result =
    case result of
        Ok value ->
            Ok value

        Err e ->
            Err (f e)


{-| Used by the kernel code of elm/json's stand-in and by Platform: is this an `Ok`?
-}
isOk : Result x a -> Bool
isOk result =
    case result of
        Ok _ ->
            True

        Err _ ->
            False
