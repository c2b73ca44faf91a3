module Json.Encode exposing (Value, encode, string, int, float, bool, null, list, array, set, object, dict)

import Array exposing (Array)
import Dict exposing (Dict)
import Elm.Kernel.Json
import Set exposing (Set)

type Value = Value

encode : Int -> Value -> String
encode = Elm.Kernel.Json.encode
string : String -> Value
string = Elm.Kernel.Json.wrap
int : Int -> Value
int = Elm.Kernel.Json.wrap
float : Float -> Value
float = Elm.Kernel.Json.wrap
bool : Bool -> Value
bool = Elm.Kernel.Json.wrap
null : Value
null = Elm.Kernel.Json.encodeNull
list : (a -> Value) -> List a -> Value
list func entries = Elm.Kernel.Json.wrap (List.foldl (Elm.Kernel.Json.addEntry func) (Elm.Kernel.Json.emptyArray ()) entries)
array : (a -> Value) -> Array a -> Value
array func entries = list func (Array.toList entries)
set : (a -> Value) -> Set a -> Value
set func entries = list func (Set.toList entries)
object : List ( String, Value ) -> Value
object pairs = Elm.Kernel.Json.wrap (List.foldl (\( k, v ) obj -> Elm.Kernel.Json.addField k v obj) (Elm.Kernel.Json.emptyObject ()) pairs)
dict : (k -> String) -> (v -> Value) -> Dict k v -> Value
dict toKey toValue dictionary = object (List.map (\( k, v ) -> ( toKey k, toValue v )) (Dict.toList dictionary))
