-- Written once by persist-elm-codegen 1.0.0: the migration from the previous version's state.
-- This module is yours: complete the conversions marked TODO (the compiler rejects it until then).
-- Game rules v2: the one conversion, migrate_Game_State_Player, is written below.


module Migrate exposing (..)

import Dict
import Game.State
import Generated.Persist
import Json.Decode
import Migrate.V1


migrateFromSerialized : String -> Result String Game.State.State
migrateFromSerialized x1 =
    case Generated.Persist.deserializeState x1 of
        Ok x2 ->
            Ok x2

        Err x2 ->
            case Json.Decode.decodeString Migrate.V1.decodeState x1 of
                Ok x3 ->
                    Ok (migrate_Game_State_State x3)

                Err x3 ->
                    Err ("neither this version's state (" ++ x2 ++ ") nor the previous version's (" ++ Json.Decode.errorToString x3 ++ ")")


migrate_Game_State_State : Migrate.V1.Game_State_State -> Game.State.State
migrate_Game_State_State x1 =
    { width = x1.width, height = x1.height, board = x1.board, players = Dict.map (\_ x2 -> migrate_Game_State_Player x2) x1.players, recentMoves = List.map migrate_Game_State_Move x1.recentMoves }


migrate_Game_State_Player : Migrate.V1.Game_State_Player -> Game.State.Player
migrate_Game_State_Player x1 =
    -- Written by hand (the generator's one TODO): version 2 counts captures, none so far.
    -- Before: type alias Player = { name : String, score : Int, lastMoveTime : Int, color : Int }
    -- Now:    type alias Player = { name : String, score : Int, lastMoveTime : Int, color : Int, captures : Int }
    { name = x1.name, score = x1.score, lastMoveTime = x1.lastMoveTime, color = x1.color, captures = 0 }


migrate_Game_State_Move : Migrate.V1.Game_State_Move -> Game.State.Move
migrate_Game_State_Move x1 =
    x1
