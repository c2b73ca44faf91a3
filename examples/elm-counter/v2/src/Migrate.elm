-- Written once by persist-elm-codegen 1.0.0: the migration from the previous version's state.
-- This module is yours: complete the conversions marked TODO (the compiler rejects it until then).
-- elm-counter v2: the one conversion, migrate_Backend_State_State, is written below.


module Migrate exposing (..)

import Backend.State
import Generated.Persist
import Json.Decode
import Migrate.V1


migrateFromSerialized : String -> Result String Backend.State.State
migrateFromSerialized x1 =
    case Generated.Persist.deserializeState x1 of
        Ok x2 ->
            Ok x2

        Err x2 ->
            case Json.Decode.decodeString Migrate.V1.decodeState x1 of
                Ok x3 ->
                    Ok (migrate_Backend_State_State x3)

                Err x3 ->
                    Err ("neither this version's state (" ++ x2 ++ ") nor the previous version's (" ++ Json.Decode.errorToString x3 ++ ")")


migrate_Backend_State_State : Migrate.V1.Backend_State_State -> Backend.State.State
migrate_Backend_State_State x1 =
    -- Written by hand (the generator's one TODO): version 2 adds lastEvent, which starts empty.
    -- Before: type alias State = { count : Int }
    -- Now:    type alias State = { count : Int, lastEvent : String }
    { count = x1.count, lastEvent = "" }
