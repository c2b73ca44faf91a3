module Json.Decode exposing
    ( Decoder, string, bool, int, float
    , nullable, list, array, dict, keyValuePairs, oneOrMore
    , field, at, index
    , maybe, oneOf
    , decodeString, decodeValue, Value, Error(..), errorToString
    , map, map2, map3, map4, map5, map6, map7, map8
    , lazy, value, null, succeed, fail, andThen
    )

{-| libpersist's stand-in for elm/json's Json.Decode: the same decoders, failures and
`errorToString` texts. The decoders are run by the kernel code (Elm/Kernel/Json.js).
-}

import Array exposing (Array)
import Dict exposing (Dict)
import Elm.Kernel.Json
import Json.Encode


type Decoder a
    = Decoder


type alias Value =
    Json.Encode.Value


type Error
    = Field String Error
    | Index Int Error
    | OneOf (List Error)
    | Failure String Value



-- PRIMITIVES


string : Decoder String
string =
    Elm.Kernel.Json.decodeString


bool : Decoder Bool
bool =
    Elm.Kernel.Json.decodeBool


int : Decoder Int
int =
    Elm.Kernel.Json.decodeInt


float : Decoder Float
float =
    Elm.Kernel.Json.decodeFloat


value : Decoder Value
value =
    Elm.Kernel.Json.decodeValue


null : a -> Decoder a
null =
    Elm.Kernel.Json.decodeNull



-- STRUCTURES


nullable : Decoder a -> Decoder (Maybe a)
nullable decoder =
    oneOf [ null Nothing, map Just decoder ]


list : Decoder a -> Decoder (List a)
list =
    Elm.Kernel.Json.decodeList


array : Decoder a -> Decoder (Array a)
array =
    Elm.Kernel.Json.decodeArray


dict : Decoder a -> Decoder (Dict String a)
dict decoder =
    map Dict.fromList (keyValuePairs decoder)


keyValuePairs : Decoder a -> Decoder (List ( String, a ))
keyValuePairs =
    Elm.Kernel.Json.decodeKeyValuePairs


oneOrMore : (a -> List a -> value) -> Decoder a -> Decoder value
oneOrMore toValue decoder =
    list decoder
        |> andThen
            (\items ->
                case items of
                    first :: rest ->
                        succeed (toValue first rest)

                    [] ->
                        fail "a ARRAY with at least ONE element"
            )


field : String -> Decoder a -> Decoder a
field =
    Elm.Kernel.Json.decodeField


at : List String -> Decoder a -> Decoder a
at path decoder =
    List.foldr field decoder path


index : Int -> Decoder a -> Decoder a
index =
    Elm.Kernel.Json.decodeIndex


maybe : Decoder a -> Decoder (Maybe a)
maybe decoder =
    oneOf [ map Just decoder, succeed Nothing ]


oneOf : List (Decoder a) -> Decoder a
oneOf =
    Elm.Kernel.Json.oneOf



-- RUNNING


decodeString : Decoder a -> String -> Result Error a
decodeString =
    Elm.Kernel.Json.runOnString


decodeValue : Decoder a -> Value -> Result Error a
decodeValue =
    Elm.Kernel.Json.run



-- MAPPING


map : (a -> value) -> Decoder a -> Decoder value
map =
    Elm.Kernel.Json.map1


map2 : (a -> b -> value) -> Decoder a -> Decoder b -> Decoder value
map2 =
    Elm.Kernel.Json.map2


map3 : (a -> b -> c -> value) -> Decoder a -> Decoder b -> Decoder c -> Decoder value
map3 =
    Elm.Kernel.Json.map3


map4 : (a -> b -> c -> d -> value) -> Decoder a -> Decoder b -> Decoder c -> Decoder d -> Decoder value
map4 =
    Elm.Kernel.Json.map4


map5 : (a -> b -> c -> d -> e -> value) -> Decoder a -> Decoder b -> Decoder c -> Decoder d -> Decoder e -> Decoder value
map5 =
    Elm.Kernel.Json.map5


map6 : (a -> b -> c -> d -> e -> f -> value) -> Decoder a -> Decoder b -> Decoder c -> Decoder d -> Decoder e -> Decoder f -> Decoder value
map6 =
    Elm.Kernel.Json.map6


map7 : (a -> b -> c -> d -> e -> f -> g -> value) -> Decoder a -> Decoder b -> Decoder c -> Decoder d -> Decoder e -> Decoder f -> Decoder g -> Decoder value
map7 =
    Elm.Kernel.Json.map7


map8 : (a -> b -> c -> d -> e -> f -> g -> h -> value) -> Decoder a -> Decoder b -> Decoder c -> Decoder d -> Decoder e -> Decoder f -> Decoder g -> Decoder h -> Decoder value
map8 =
    Elm.Kernel.Json.map8



-- FANCY


lazy : (() -> Decoder a) -> Decoder a
lazy thunk =
    andThen (\_ -> thunk ()) (succeed ())


succeed : a -> Decoder a
succeed =
    Elm.Kernel.Json.succeed


fail : String -> Decoder a
fail =
    Elm.Kernel.Json.fail


andThen : (a -> Decoder b) -> Decoder a -> Decoder b
andThen =
    Elm.Kernel.Json.andThen



-- ERRORS


{-| The text elm/json gives: the path to the problem (`json.players[2].name`, with `['...']` for
a field that is not a simple name), the JSON value found there indented by 4 spaces, and what was
expected; a `oneOf` lists each of its failures, numbered.
-}
errorToString : Error -> String
errorToString error =
    describe [] error


describe : List String -> Error -> String
describe path error =
    case error of
        Field name inner ->
            describe (fieldStep name :: path) inner

        Index i inner ->
            describe (("[" ++ String.fromInt i ++ "]") :: path) inner

        OneOf errors ->
            case errors of
                [] ->
                    "Ran into a Json.Decode.oneOf with no possibilities"
                        ++ (if List.isEmpty path then
                                "!"

                            else
                                " at json" ++ pathText path
                           )

                [ only ] ->
                    describe path only

                _ ->
                    let
                        heading =
                            (if List.isEmpty path then
                                "Json.Decode.oneOf"

                             else
                                "The Json.Decode.oneOf at json" ++ pathText path
                            )
                                ++ " failed in the following "
                                ++ String.fromInt (List.length errors)
                                ++ " ways:"

                        numbered i inner =
                            "\n\n(" ++ String.fromInt (i + 1) ++ ") " ++ indent (errorToString inner)
                    in
                    String.join "\n\n" (heading :: List.indexedMap numbered errors)

        Failure message json ->
            (if List.isEmpty path then
                "Problem with the given value:\n\n"

             else
                "Problem with the value at json" ++ pathText path ++ ":\n\n    "
            )
                ++ indent (Json.Encode.encode 4 json)
                ++ "\n\n"
                ++ message


fieldStep : String -> String
fieldStep name =
    let
        simple =
            case String.uncons name of
                Just ( c, rest ) ->
                    Char.isAlpha c && String.all Char.isAlphaNum rest

                Nothing ->
                    False
    in
    if simple then
        "." ++ name

    else
        "['" ++ name ++ "']"


pathText : List String -> String
pathText path =
    String.concat (List.reverse path)


indent : String -> String
indent text =
    String.join "\n    " (String.split "\n" text)
