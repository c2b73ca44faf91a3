-- Written once by persist-elm-codegen 1.0.0: the migration from the previous version's state.
-- This module is yours: complete the conversions marked TODO (the compiler rejects it until then).


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
    -- TODO: the type changed, so this conversion is yours to write. Until it is,
    -- the compiler rejects this module (todo_migrate_Game_State_State is not defined): that is on
    -- purpose.
    -- Before: type alias State = { players : Dict.Dict String Game.State.Player, teams : List Game.State.Team, mode : Game.State.Mode, history : List Game.State.Event }
    -- Now:    type alias State = { players : Dict.Dict String Game.State.Player, teams : List Game.State.Team, mode : Game.State.Mode, history : List Game.State.Event, paused : Bool }
    todo_migrate_Game_State_State x1


migrate_Game_State_Player : Migrate.V1.Game_State_Player -> Game.State.Player
migrate_Game_State_Player x1 =
    -- TODO: the type changed, so this conversion is yours to write. Until it is,
    -- the compiler rejects this module (todo_migrate_Game_State_Player is not defined): that is on
    -- purpose.
    -- Before: type alias Player = { name : String, score : Int }
    -- Now:    type alias Player = { name : String, score : Int, lives : Int }
    todo_migrate_Game_State_Player x1


migrate_Game_State_Team : Migrate.V1.Game_State_Team -> Game.State.Team
migrate_Game_State_Team x1 =
    { members = List.map migrate_Game_State_Player x1.members, best = Maybe.map migrate_Game_State_Player x1.best }


migrate_Game_State_Mode : Migrate.V1.Game_State_Mode -> Game.State.Mode
migrate_Game_State_Mode x1 =
    case x1 of
        Migrate.V1.Game_State_Lobby ->
            Game.State.Lobby

        Migrate.V1.Game_State_Playing x2 ->
            Game.State.Playing x2


migrate_Game_State_Event : Migrate.V1.Game_State_Event -> Game.State.Event
migrate_Game_State_Event x1 =
    -- TODO: the type changed, so this conversion is yours to write. Until it is,
    -- the compiler rejects this module (todo_migrate_Game_State_Event is not defined): that is on
    -- purpose.
    -- Before: type Event = Joined String | Scored String Int
    -- Now:    type Event = Joined String | Scored String Int | Left String
    todo_migrate_Game_State_Event x1
