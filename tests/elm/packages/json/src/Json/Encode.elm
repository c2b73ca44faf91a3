module Json.Encode exposing (Value, encode, string, int, float, bool, null, list, array, set, object, dict)

{-| libpersist's stand-in for elm/json's Json.Encode. A `Value` is the JavaScript value itself,
in both output modes; `encode` is `JSON.stringify`.
-}

import Array exposing (Array)
import Dict exposing (Dict)
import Elm.Kernel.Json
import Set exposing (Set)


type Value
    = Value


encode : Int -> Value -> String
encode =
    Elm.Kernel.Json.encode


string : String -> Value
string =
    Elm.Kernel.Json.wrap


int : Int -> Value
int =
    Elm.Kernel.Json.wrap


float : Float -> Value
float =
    Elm.Kernel.Json.wrap


bool : Bool -> Value
bool =
    Elm.Kernel.Json.wrap


null : Value
null =
    Elm.Kernel.Json.encodeNull


list : (a -> Value) -> List a -> Value
list =
    Elm.Kernel.Json.encodeList


array : (a -> Value) -> Array a -> Value
array toValue entries =
    list toValue (Array.toList entries)


set : (a -> Value) -> Set a -> Value
set toValue entries =
    list toValue (Set.toList entries)


object : List ( String, Value ) -> Value
object =
    Elm.Kernel.Json.encodeObject


dict : (k -> String) -> (v -> Value) -> Dict k v -> Value
dict toKey toValue entries =
    object (List.map (\( k, v ) -> ( toKey k, toValue v )) (Dict.toList entries))
