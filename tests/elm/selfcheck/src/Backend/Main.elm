module Backend.Main exposing (main)

{-| Checks the package stand-ins (tests/elm/packages) inside the engine: every event is a seed,
and the response is "ok" or the list of the checks that failed for it. The checks compare
Dict, Set, Array, compare, (==), sorting, String and Json against reference definitions written
here from the packages' documentation (tests/api/test\_elm\_core.c runs them in both modes).
-}

import Array
import Dict exposing (Dict)
import Json.Decode as D
import Json.Encode as E
import Persist
import Set


type alias State =
    Int


main : Persist.Worker State
main =
    Persist.worker
        { initState = interfaceToHost_initState
        , processEvent = interfaceToHost_processEvent
        , serializeState = interfaceToHost_serializeState
        , deserializeState = interfaceToHost_deserializeState
        }


interfaceToHost_initState : State
interfaceToHost_initState =
    0


interfaceToHost_processEvent : String -> State -> ( State, String )
interfaceToHost_processEvent event state =
    case String.toInt event of
        Just seed ->
            let
                failures =
                    List.filterMap (\check -> check (modBy 2147483647 (seed * 7919 + 1)))
                        [ dictModel, dictEquality, setModel, compareModel, equality, sorting, stringChecks, json, arrays, basics ]
            in
            ( state + 1
            , if List.isEmpty failures then
                "ok"

              else
                "FAIL: " ++ String.join "; " failures
            )

        Nothing ->
            ( state, "error: a seed is a whole number" )


interfaceToHost_serializeState : State -> String
interfaceToHost_serializeState =
    String.fromInt


interfaceToHost_deserializeState : String -> Result String State
interfaceToHost_deserializeState text =
    Result.fromMaybe ("not a number: " ++ text) (String.toInt text)



-- RANDOM NUMBERS: the Park-Miller generator, exact in doubles.


next : Int -> Int
next seed =
    modBy 2147483647 (seed * 48271)


{-| n numbers below `bound`, and the seed after them.
-}
randoms : Int -> Int -> Int -> ( List Int, Int )
randoms n bound seed =
    List.foldl
        (\_ ( acc, s ) ->
            let
                s2 =
                    next s
            in
            ( modBy bound s2 :: acc, s2 )
        )
        ( [], seed )
        (List.range 1 n)


expect : String -> Bool -> Maybe String
expect what ok =
    if ok then
        Nothing

    else
        Just what


firstFailure : List (Maybe String) -> Maybe String
firstFailure results =
    List.head (List.filterMap identity results)



-- DICT against a sorted association list


type Op
    = Insert Int Int
    | Remove Int


modelInsert : comparable -> v -> List ( comparable, v ) -> List ( comparable, v )
modelInsert k v model =
    case model of
        [] ->
            [ ( k, v ) ]

        ( k2, v2 ) :: rest ->
            if k < k2 then
                ( k, v ) :: model

            else if k == k2 then
                ( k, v ) :: rest

            else
                ( k2, v2 ) :: modelInsert k v rest


dictModel : Int -> Maybe String
dictModel seed =
    let
        ( numbers, _ ) =
            randoms 120 64 seed

        ops =
            List.indexedMap
                (\i n ->
                    if modBy 3 i == 2 then
                        Remove (modBy 40 n)

                    else
                        Insert (modBy 40 (n * 7)) n
                )
                numbers

        step ( i, op ) ( dict, model, bad ) =
            let
                ( d2, m2 ) =
                    case op of
                        Insert k v ->
                            ( Dict.insert k v dict, modelInsert k v model )

                        Remove k ->
                            ( Dict.remove k dict, List.filter (\( k2, _ ) -> k2 /= k) model )

                ok =
                    Dict.size d2 == List.length m2 && (modBy 8 i /= 0 || matches d2 m2)
            in
            ( d2, m2, bad || not ok )

        matches d2 m2 =
            Dict.toList d2
                == m2
                && Dict.size d2
                == List.length m2
                && List.all (\k -> Dict.get k d2 == lookup k m2) (List.range -1 41)
                && Dict.keys d2
                == List.map Tuple.first m2
                && Dict.values d2
                == List.map Tuple.second m2
                && Dict.foldr (\k v acc -> ( k, v ) :: acc) [] d2
                == m2

        ( final, finalModel, failed ) =
            List.foldl step ( Dict.empty, [], False ) (List.indexedMap Tuple.pair ops)

        evens =
            Dict.filter (\k _ -> modBy 2 k == 0) final

        ( yes, no ) =
            Dict.partition (\k _ -> k < 20) final

        other =
            Dict.fromList [ ( 5, -1 ), ( 100, -2 ) ]
    in
    firstFailure
        [ expect "Dict matches a sorted association list (size after each insert/remove, all of it after every 8th and at the end)" (not failed && matches final finalModel)
        , expect "Dict.filter" (Dict.toList evens == List.filter (\( k, _ ) -> modBy 2 k == 0) finalModel)
        , expect "Dict.partition" (Dict.size yes + Dict.size no == Dict.size final && List.all (\k -> k < 20) (Dict.keys yes))
        , expect "Dict.union prefers the first" (Dict.get 5 (Dict.union other final) == Just -1 && Dict.member 100 (Dict.union final other))
        , expect "Dict.diff and intersect" (Dict.member 5 (Dict.intersect final other) == Dict.member 5 final && not (Dict.member 5 (Dict.diff final other)))
        , expect "Dict.update" (Dict.get 7 (Dict.update 7 (\_ -> Just 70) final) == Just 70 && not (Dict.member 7 (Dict.update 7 (\_ -> Nothing) final)))
        , expect "Dict.map" (Dict.values (Dict.map (\k v -> k + v) final) == List.map (\( k, v ) -> k + v) finalModel)
        , expect "Dict.merge"
            (Dict.merge (\k _ acc -> ( "l", k ) :: acc) (\k _ _ acc -> ( "b", k ) :: acc) (\k _ acc -> ( "r", k ) :: acc) (Dict.fromList [ ( 1, 1 ), ( 3, 3 ) ]) (Dict.fromList [ ( 2, 2 ), ( 3, 3 ) ]) []
                == [ ( "b", 3 ), ( "r", 2 ), ( "l", 1 ) ]
            )
        , expect "Dict.remove of an absent key keeps the dictionary" (Dict.remove 1000 final == final)
        , expect "Dict stays balanced: 30000 keys in order (an unbalanced tree would exhaust the stack)" (balanced seed)
        ]


{-| One seed in four: 12000 keys inserted in order, then 100 removed. An unbalanced tree that deep
would exhaust the engine's call stack in `insert` or `get`.
-}
balanced : Int -> Bool
balanced seed =
    if modBy 4 seed /= 1 then
        True

    else
        let
            n =
                12000 + modBy 100 seed

            big =
                List.foldl (\k d -> Dict.insert k k d) Dict.empty (List.range 1 n)

            smaller =
                List.foldl Dict.remove big (List.range 1 100)
        in
        Dict.get n big == Just n && Dict.size big == n && Dict.get 100 smaller == Nothing && Dict.get 101 smaller == Just 101


lookup : comparable -> List ( comparable, v ) -> Maybe v
lookup k model =
    List.head
        (List.filterMap
            (\( k2, v ) ->
                if k2 == k then
                    Just v

                else
                    Nothing
            )
            model
        )


{-| Equal contents built in different orders are equal; one changed value is not.
-}
dictEquality : Int -> Maybe String
dictEquality seed =
    let
        ( keys, _ ) =
            randoms 100 1000 seed

        pairs =
            List.map (\k -> ( k, String.fromInt k )) keys

        ascending =
            Dict.fromList (List.sortBy Tuple.first pairs)

        descending =
            Dict.fromList (List.reverse (List.sortBy Tuple.first pairs))

        shuffled =
            Dict.fromList pairs

        changed =
            case List.head keys of
                Just k ->
                    Dict.insert k "changed" shuffled

                Nothing ->
                    Dict.insert 0 "x" shuffled
    in
    firstFailure
        [ expect "dictionaries with equal contents are equal whatever their history" (ascending == descending && descending == shuffled)
        , expect "a dictionary with another value differs" (changed /= ascending)
        , expect "sets with equal contents are equal" (Set.fromList keys == Set.fromList (List.reverse keys))
        , expect "a set with one more element differs" (Set.insert -5 (Set.fromList keys) /= Set.fromList keys)
        , expect "dictionaries inside records and lists" ({ d = [ ascending ] } == { d = [ shuffled ] })
        ]


setModel : Int -> Maybe String
setModel seed =
    let
        ( xs, s2 ) =
            randoms 100 50 seed

        ( ys, _ ) =
            randoms 100 50 s2

        a =
            Set.fromList xs

        b =
            Set.fromList ys

        dedup list =
            Set.toList (Set.fromList list)
    in
    firstFailure
        [ expect "Set.toList is sorted and unique"
            (Set.toList a
                == List.foldr
                    (\x acc ->
                        if List.member x acc then
                            acc

                        else
                            x :: acc
                    )
                    []
                    (List.sort xs)
                |> (\_ -> isSortedUnique (Set.toList a))
            )
        , expect "Set.union" (Set.toList (Set.union a b) == dedup (xs ++ ys))
        , expect "Set.intersect" (Set.toList (Set.intersect a b) == List.filter (\x -> List.member x ys) (dedup xs))
        , expect "Set.diff" (Set.toList (Set.diff a b) == List.filter (\x -> not (List.member x ys)) (dedup xs))
        , expect "Set.size and member" (Set.size a == List.length (dedup xs) && List.all (\x -> Set.member x a) xs)
        , expect "Set.remove" (not (Set.member 7 (Set.remove 7 a)))
        ]


isSortedUnique : List comparable -> Bool
isSortedUnique list =
    case list of
        x :: y :: rest ->
            x < y && isSortedUnique (y :: rest)

        _ ->
            True



-- COMPARE against reference definitions


refCompareList : List Int -> List Int -> Order
refCompareList xs ys =
    case ( xs, ys ) of
        ( [], [] ) ->
            EQ

        ( [], _ ) ->
            LT

        ( _, [] ) ->
            GT

        ( x :: xr, y :: yr ) ->
            if x < y then
                LT

            else if x > y then
                GT

            else
                refCompareList xr yr


refCompareString : String -> String -> Order
refCompareString a b =
    refCompareList (List.map Char.toCode (String.toList a)) (List.map Char.toCode (String.toList b))


compareModel : Int -> Maybe String
compareModel seed =
    let
        ( numbers, _ ) =
            randoms 400 5 seed

        lists =
            chunks numbers

        strings =
            List.map (\l -> String.fromList (List.map (\n -> Char.fromCode (97 + n)) l)) lists

        pairsOf xs =
            List.map2 Tuple.pair xs (List.drop 1 xs)

        listOk =
            List.all (\( a, b ) -> compare a b == refCompareList a b) (pairsOf lists)

        stringOk =
            List.all (\( a, b ) -> compare a b == refCompareString a b && (a < b) == (refCompareString a b == LT)) (pairsOf strings)

        tupleOk =
            List.all
                (\( ( a, b ), ( c, d ) ) ->
                    compare ( a, b ) ( c, d )
                        == (case refCompareString b d of
                                EQ ->
                                    compare a c

                                o ->
                                    o
                           )
                        |> (\_ ->
                                compare ( b, a ) ( d, c )
                                    == (if b == d then
                                            compare a c

                                        else
                                            refCompareString b d
                                       )
                           )
                )
                (pairsOf (List.map2 Tuple.pair numbers strings))

        tripleOk =
            List.all (\( a, b ) -> compare ( 1, a, 'x' ) ( 1, b, 'x' ) == refCompareString a b) (pairsOf strings)

        charOk =
            List.all (\( a, b ) -> compare (Char.fromCode a) (Char.fromCode b) == compare a b) (pairsOf (List.map (\n -> 60 + n * 13) numbers))
    in
    firstFailure
        [ expect "compare on lists of Int" listOk
        , expect "compare and (<) on String" stringOk
        , expect "compare on tuples" tupleOk
        , expect "compare on triples" tripleOk
        , expect "compare on Char" charOk
        , expect "compare numbers" (compare 2 10 == LT && compare -1.5 -1.5 == EQ && max 3 7 == 7 && min "b" "a" == "a")
        , expect "a proper prefix comes first" (compare [ 1, 2 ] [ 1, 2, 0 ] == LT && compare "ab" "a" == GT)
        ]


chunks : List Int -> List (List Int)
chunks numbers =
    case numbers of
        [] ->
            []

        n :: rest ->
            List.take n rest :: chunks (List.drop n rest)



-- EQUALITY


type Shape
    = Circle Float
    | Rect Int Int
    | Group (List Shape)


equality : Int -> Maybe String
equality seed =
    let
        -- one seed in three: longer than the engine's call stack is deep
        long =
            if modBy 3 seed == 1 then
                List.range 1 (12000 + modBy 10 seed)

            else
                List.range 1 (100 + modBy 10 seed)

        shapeA =
            Group [ Circle 1.5, Rect 2 3, Group [] ]

        shapeB =
            Group [ Circle 1.5, Rect 2 3, Group [] ]
    in
    firstFailure
        [ expect "(==) on custom types" (shapeA == shapeB && shapeA /= Group [ Circle 1.5, Rect 2 4, Group [] ])
        , expect "(==) on records" ({ a = 1, b = "x" } == { a = 1, b = "x" } && { a = 1, b = "x" } /= { a = 1, b = "y" })
        , expect "(==) on long lists" (long == List.range 1 (List.length long) && long /= List.range 1 (List.length long + 1) && long /= 0 :: List.drop 1 long)
        , expect "(==) on Maybe and Result" (Just [ 1 ] == Just [ 1 ] && Ok 1 /= Err 1 && Nothing /= Just ())
        , expect "(==) on tuples and chars" (( 'a', "b", 3 ) == ( 'a', "b", 3 ) && ( 'a', 1 ) /= ( 'b', 1 ))
        , expect "(==) on arrays" (Array.fromList [ 1, 2 ] == Array.push 2 (Array.fromList [ 1 ]) && Array.fromList [ 1 ] /= Array.fromList [ 1, 2 ])
        , expect "(==) on JSON values" (E.object [ ( "a", E.int 1 ) ] == E.object [ ( "a", E.int 1 ) ] && E.list E.int [ 1 ] /= E.list E.int [ 1, 2 ])
        ]



-- SORTING against insertion sort


insertionSortWith : (a -> a -> Order) -> List a -> List a
insertionSortWith order list =
    let
        insert x sorted =
            case sorted of
                [] ->
                    [ x ]

                y :: rest ->
                    if order x y == GT then
                        y :: insert x rest

                    else
                        x :: sorted
    in
    List.foldl insert [] list


sorting : Int -> Maybe String
sorting seed =
    let
        ( numbers, _ ) =
            randoms 100 1000 seed

        records =
            List.indexedMap (\i n -> { id = i, key = modBy 17 n, name = String.fromInt n }) numbers

        byKeyThenId a b =
            case compare b.key a.key of
                EQ ->
                    compare a.id b.id

                o ->
                    o
    in
    firstFailure
        [ expect "List.sort" (List.sort numbers == insertionSortWith compare numbers)
        , expect "List.sortBy" (List.map .id (List.sortBy (\r -> ( r.key, r.id )) records) == List.map .id (insertionSortWith (\a b -> compare ( a.key, a.id ) ( b.key, b.id )) records))
        , expect "List.sortWith" (List.sortWith byKeyThenId records == insertionSortWith byKeyThenId records)
        , expect "List.sortBy on strings" (List.map .name (List.sortBy .name records) == List.sort (List.map .name records))
        , expect "List.sortWith flips" (List.sortWith (\a b -> compare b a) numbers == List.reverse (List.sort numbers))
        ]



-- STRINGS


stringChecks : Int -> Maybe String
stringChecks seed =
    let
        n =
            modBy 100000 seed

        text =
            "a,b,,c " ++ String.fromInt n
    in
    firstFailure
        [ expect "String.split and join" (String.join "," (String.split "," text) == text && String.split "," "a,b,,c" == [ "a", "b", "", "c" ])
        , expect "String.toInt" (String.toInt (String.fromInt n) == Just n && String.toInt ("-" ++ String.fromInt n) == Just -n && String.toInt "+5" == Just 5 && String.toInt "5x" == Nothing && String.toInt "" == Nothing && String.toInt "-" == Nothing && String.toInt " 5" == Nothing)
        , expect "String.toFloat" (String.toFloat "1.5" == Just 1.5 && String.toFloat "-0.25" == Just -0.25 && String.toFloat "x" == Nothing && String.toFloat "" == Nothing && String.toFloat "0x10" == Nothing)
        , expect "String.fromFloat" (String.fromFloat 1.5 == "1.5" && String.fromFloat -2 == "-2")
        , expect "surrogate pairs are one Char" (String.toList "a😀b" == [ 'a', '😀', 'b' ] && String.reverse "a😀b" == "b😀a" && String.length "😀" == 2 && Char.toCode '😀' == 0x0001F600 && Char.fromCode 0x0001F600 == '😀')
        , expect "String.fromList (String.toList s) == s" (String.fromList (String.toList text) == text)
        , expect "String.slice, left, right, drop" (String.slice 1 3 "abcd" == "bc" && String.slice -3 -1 "abcd" == "bc" && String.left 2 "abc" == "ab" && String.right 2 "abc" == "bc" && String.dropLeft 1 "abc" == "bc" && String.dropRight 1 "abc" == "ab")
        , expect "String.words and lines" (String.words "  a b\tc\n" == [ "a", "b", "c" ] && String.lines "a\nb\u{000D}\nc" == [ "a", "b", "c" ])
        , expect "String.indexes" (String.indexes "aa" "aaaa" == [ 0, 2 ] && String.indexes "" "abc" == [])
        , expect "String.padLeft, pad, repeat" (String.padLeft 5 '0' "42" == "00042" && String.pad 5 '*' "1" == "**1**" && String.repeat 3 "ab" == "ababab")
        , expect "String.foldl, foldr, map, filter, any, all" (String.foldl String.cons "" "abc" == "cba" && String.foldr String.cons "" "abc" == "abc" && String.map Char.toUpper "abc" == "ABC" && String.filter Char.isDigit "a1b2" == "12" && String.any Char.isDigit "a1" && not (String.all Char.isDigit "a1"))
        , expect "String.uncons and cons" (String.uncons "abc" == Just ( 'a', "bc" ) && String.uncons "" == Nothing && String.cons 'x' "yz" == "xyz")
        , expect "String.contains, startsWith, endsWith, trim" (String.contains "b" "abc" && String.startsWith "ab" "abc" && String.endsWith "bc" "abc" && not (String.endsWith "ab" "abc") && String.trim "  x " == "x")
        , expect "Char classes and case" (Char.isUpper 'A' && not (Char.isUpper 'a') && Char.isLower 'z' && Char.isHexDigit 'f' && not (Char.isHexDigit 'g') && Char.isOctDigit '7' && not (Char.isOctDigit '8') && Char.isAlphaNum '9' && not (Char.isAlpha '_') && Char.toUpper 'q' == 'Q' && Char.toLower 'Q' == 'q')
        , expect "(++) on strings and lists" ("ab" ++ "c" == "abc" && [ 1 ] ++ [ 2, 3 ] == [ 1, 2, 3 ] && [] ++ [ 1 ] == [ 1 ])
        ]



-- JSON


type alias Item =
    { name : String, tags : List String, score : Maybe Float }


itemDecoder : D.Decoder Item
itemDecoder =
    D.map3 Item (D.field "name" D.string) (D.field "tags" (D.list D.string)) (D.field "score" (D.nullable D.float))


encodeItem : Item -> E.Value
encodeItem item =
    E.object
        [ ( "name", E.string item.name )
        , ( "tags", E.list E.string item.tags )
        , ( "score", Maybe.withDefault E.null (Maybe.map E.float item.score) )
        ]


json : Int -> Maybe String
json seed =
    let
        item =
            { name = "n\"" ++ String.fromInt seed, tags = [ "a", "b\n" ], score = Just (toFloat (modBy 1000 seed) / 4) }

        text =
            E.encode 0 (encodeItem item)

        failure decoder input =
            case D.decodeString decoder input of
                Ok _ ->
                    "no error"

                Err e ->
                    D.errorToString e
    in
    firstFailure
        [ expect "Json round trip" (D.decodeString itemDecoder text == Ok item)
        , expect "Json.Encode.encode 0" (E.encode 0 (E.object [ ( "a", E.list E.int [ 1, 2 ] ), ( "b", E.null ), ( "c", E.bool True ) ]) == "{\"a\":[1,2],\"b\":null,\"c\":true}")
        , expect "Json.Encode.encode 2" (E.encode 2 (E.list E.int [ 1 ]) == "[\n  1\n]")
        , expect "nullable null" (D.decodeString (D.nullable D.int) "null" == Ok Nothing)
        , expect "errorToString of a field"
            (failure (D.field "a" D.int) "{\"a\":\"x\"}" == "Problem with the value at json.a:\n\n    \"x\"\n\nExpecting an INT")
        , expect "errorToString of a missing field"
            (failure (D.field "b" D.int) "{\"a\":1}" == "Problem with the given value:\n\n{\n        \"a\": 1\n    }\n\nExpecting an OBJECT with a field named `b`")
        , expect "errorToString of an index and an odd field name"
            (failure (D.field "my key" (D.index 1 D.bool)) "{\"my key\":[true,3]}" == "Problem with the value at json['my key'][1]:\n\n    3\n\nExpecting a BOOL")
        , expect "errorToString of oneOf"
            (failure (D.oneOf [ D.int, D.field "x" D.int ]) "[]" == "Json.Decode.oneOf failed in the following 2 ways:\n\n\n\n(1) Problem with the given value:\n    \n    []\n    \n    Expecting an INT\n\n\n\n(2) Problem with the given value:\n    \n    []\n    \n    Expecting an OBJECT with a field named `x`")
        , expect "index out of range" (failure (D.index 2 D.int) "[1]" == "Problem with the given value:\n\n[\n        1\n    ]\n\nExpecting a LONGER array. Need index 2 but only see 1 entries")
        , expect "Json.Decode.at, dict, keyValuePairs, maybe, andThen, lazy"
            (D.decodeString (D.at [ "a", "b" ] D.int) "{\"a\":{\"b\":5}}"
                == Ok 5
                && D.decodeString (D.dict D.int) "{\"y\":2,\"x\":1}"
                == Ok (Dict.fromList [ ( "x", 1 ), ( "y", 2 ) ])
                && D.decodeString (D.keyValuePairs D.int) "{\"y\":2,\"x\":1}"
                == Ok [ ( "y", 2 ), ( "x", 1 ) ]
                && D.decodeString (D.maybe (D.field "q" D.int)) "{}"
                == Ok Nothing
                && D.decodeString
                    (D.field "k" D.string
                        |> D.andThen
                            (\k ->
                                if k == "n" then
                                    D.field "v" D.int

                                else
                                    D.fail "no"
                            )
                    )
                    "{\"k\":\"n\",\"v\":3}"
                == Ok 3
                && D.decodeString (D.lazy (\() -> D.list D.int)) "[1,2]"
                == Ok [ 1, 2 ]
            )
        , expect "Json.Decode.map8 and array"
            (D.decodeString (D.map8 (\a b c d e f g h -> [ a, b, c, d, e, f, g, h ]) (D.index 0 D.int) (D.index 1 D.int) (D.index 2 D.int) (D.index 3 D.int) (D.index 4 D.int) (D.index 5 D.int) (D.index 6 D.int) (D.index 7 D.int)) "[1,2,3,4,5,6,7,8]"
                == Ok (List.range 1 8)
                && D.decodeString (D.array D.int) "[3,4]"
                == Ok (Array.fromList [ 3, 4 ])
            )
        , expect "Json ints and floats" (D.decodeString D.int "1.5" /= Ok 1 && D.decodeString D.float "2" == Ok 2 && D.decodeString D.int "-7" == Ok -7)
        ]



-- ARRAY against lists


arrays : Int -> Maybe String
arrays seed =
    let
        ( numbers, _ ) =
            randoms 50 100 seed

        a =
            Array.fromList numbers
    in
    firstFailure
        [ expect "Array.fromList and toList" (Array.toList a == numbers && Array.length a == 50)
        , expect "Array.get" (Array.get 3 a == List.head (List.drop 3 numbers) && Array.get 50 a == Nothing && Array.get -1 a == Nothing)
        , expect "Array.set leaves the original" (Array.get 0 (Array.set 0 -1 a) == Just -1 && Array.toList a == numbers && Array.set 99 0 a == a)
        , expect "Array.push and append" (Array.toList (Array.push 7 a) == numbers ++ [ 7 ] && Array.toList (Array.append a a) == numbers ++ numbers)
        , expect "Array.slice" (Array.toList (Array.slice 2 5 a) == List.take 3 (List.drop 2 numbers) && Array.toList (Array.slice -2 50 a) == List.drop 48 numbers)
        , expect "Array.map, foldl, foldr, filter, indexedMap" (Array.toList (Array.map negate a) == List.map negate numbers && Array.foldl (::) [] a == List.reverse numbers && Array.foldr (::) [] a == numbers && Array.toList (Array.filter (\x -> x > 50) a) == List.filter (\x -> x > 50) numbers && Array.toIndexedList (Array.initialize 3 identity) == [ ( 0, 0 ), ( 1, 1 ), ( 2, 2 ) ])
        ]



-- BASICS


basics : Int -> Maybe String
basics seed =
    let
        x =
            modBy 1000 seed - 500
    in
    firstFailure
        [ expect "modBy takes the modulus' sign" (modBy 4 -5 == 3 && modBy 4 5 == 1 && modBy -4 5 == -3 && modBy 3 x >= 0)
        , expect "remainderBy takes the dividend's sign" (remainderBy 4 -5 == -1 && remainderBy 4 5 == 1)
        , expect "(//) truncates" (-7 // 2 == -3 && 7 // 2 == 3 && x // 1 == x)
        , expect "round, floor, ceiling, truncate" (round 2.5 == 3 && floor -2.5 == -3 && ceiling -2.5 == -2 && truncate -2.5 == -2)
        , expect "operators as functions" (List.foldl (+) 0 [ 1, 2, 3 ] == 6 && List.map2 (*) [ 2, 3 ] [ 4, 5 ] == [ 8, 15 ] && List.foldl (++) "" [ "a", "b" ] == "ba")
        , expect "List functions" (List.range 1 4 == [ 1, 2, 3, 4 ] && List.take 2 [ 1, 2, 3 ] == [ 1, 2 ] && List.drop 2 [ 1, 2, 3 ] == [ 3 ] && List.maximum [ 3, 9, 2 ] == Just 9 && List.intersperse 0 [ 1, 2 ] == [ 1, 0, 2 ] && List.partition (\n -> n > 1) [ 1, 2, 3 ] == ( [ 2, 3 ], [ 1 ] ) && List.unzip [ ( 1, 'a' ) ] == ( [ 1 ], [ 'a' ] ))
        , expect "List.map3 stops at the shortest" (List.map3 (\a b c -> a + b + c) [ 1, 2 ] [ 10, 20, 30 ] [ 100, 200 ] == [ 111, 222 ])
        ]
