module Game.Rules exposing (initState, processEvent)

{-| The rules of a shared-board territory game, version 2: a move onto an opponent's cell that
has at least 2 of the mover's own cells among its 4 neighbours captures it.

Every event is a JSON object with a `"type"`; the host puts all time (`"time"`, in ms) and
randomness (`"random"`, an integer) into the events, so replaying them gives the same state.
Every response is a JSON object: `{"ok":true,...}`, or `{"ok":false,"error":"..."}` with the
state returned unchanged (libpersist does not log such an event). Queries (`leaderboard`,
`view`, `player`) return the state unchanged too.

-}

import Dict exposing (Dict)
import Game.State exposing (Move, Player, State)
import Json.Decode as Decode exposing (Decoder)
import Json.Encode as Encode
import Set


type Event
    = Create Int Int
    | Join { player : String, name : String, time : Int, random : Int }
    | MoveTo { player : String, x : Int, y : Int, time : Int }
    | Leave String
    | Leaderboard Int
    | View
    | PlayerInfo String


{-| A player moves at most once per this many ms of event time.
-}
moveInterval : Int
moveInterval =
    200


recentLimit : Int
recentLimit =
    20


maxSide : Int
maxSide =
    200


initState : State
initState =
    { width = 0, height = 0, board = Dict.empty, players = Dict.empty, recentMoves = [] }


processEvent : String -> State -> ( State, String )
processEvent text state =
    case Decode.decodeString eventDecoder text of
        Ok event ->
            apply event state

        Err error ->
            refuse state (Decode.errorToString error)



-- EVENTS


eventDecoder : Decoder Event
eventDecoder =
    Decode.field "type" Decode.string |> Decode.andThen eventOfType


eventOfType : String -> Decoder Event
eventOfType kind =
    case kind of
        "create" ->
            Decode.map2 Create (Decode.field "width" Decode.int) (Decode.field "height" Decode.int)

        "join" ->
            Decode.map4 (\p n t r -> Join { player = p, name = n, time = t, random = r })
                (Decode.field "player" Decode.string)
                (Decode.field "name" Decode.string)
                (Decode.field "time" Decode.int)
                (Decode.field "random" Decode.int)

        "move" ->
            Decode.map4 (\p x y t -> MoveTo { player = p, x = x, y = y, time = t })
                (Decode.field "player" Decode.string)
                (Decode.field "x" Decode.int)
                (Decode.field "y" Decode.int)
                (Decode.field "time" Decode.int)

        "leave" ->
            Decode.map Leave (Decode.field "player" Decode.string)

        "leaderboard" ->
            Decode.map Leaderboard (Decode.field "limit" Decode.int)

        "view" ->
            Decode.succeed View

        "player" ->
            Decode.map PlayerInfo (Decode.field "player" Decode.string)

        _ ->
            Decode.fail ("unknown event type: " ++ kind)


apply : Event -> State -> ( State, String )
apply event state =
    case event of
        Create width height ->
            create width height state

        Join join ->
            if state.width == 0 then
                refuse state "there is no board yet"

            else if Dict.member join.player state.players then
                refuse state ("player " ++ join.player ++ " has joined already")

            else
                spawn join state

        MoveTo move ->
            case Dict.get move.player state.players of
                Nothing ->
                    refuse state ("unknown player: " ++ move.player)

                Just player ->
                    if move.time < player.lastMoveTime + moveInterval then
                        refuse state "out of turn"

                    else if move.x < 0 || move.y < 0 || move.x >= state.width || move.y >= state.height then
                        refuse state "off the board"

                    else
                        claim move player state

        Leave id ->
            if Dict.member id state.players then
                ( { state
                    | players = Dict.remove id state.players
                    , board = Dict.filter (\_ owner -> owner /= id) state.board
                  }
                , answer []
                )

            else
                refuse state ("unknown player: " ++ id)

        Leaderboard limit ->
            if limit < 1 then
                refuse state "the limit must be at least 1"

            else
                ( state, answer [ ( "leaderboard", Encode.list encodeRank (List.take limit (ranking state)) ) ] )

        View ->
            ( state, answer (view state) )

        PlayerInfo id ->
            case Dict.get id state.players of
                Just player ->
                    ( state, answer (describePlayer id player state) )

                Nothing ->
                    refuse state ("unknown player: " ++ id)


create : Int -> Int -> State -> ( State, String )
create width height state =
    if state.width > 0 then
        refuse state "the board exists already"

    else if width < 1 || height < 1 || width > maxSide || height > maxSide then
        refuse state ("width and height must be 1 to " ++ String.fromInt maxSide)

    else
        ( { state | width = width, height = height }
        , answer [ ( "width", Encode.int width ), ( "height", Encode.int height ) ]
        )


{-| A new player gets the free cell that `random` picks among the free cells in row order, and
the smallest color index nobody present has. Joining counts as the player's first move.
-}
spawn : { player : String, name : String, time : Int, random : Int } -> State -> ( State, String )
spawn join state =
    let
        free =
            state.width * state.height - Dict.size state.board
    in
    if free <= 0 then
        refuse state "the board is full"

    else
        let
            ( x, y ) =
                nthFreeCell state (modBy free join.random)

            color =
                firstFreeColor state.players 0

            player =
                { name = join.name, score = 1, lastMoveTime = join.time, color = color, captures = 0 }
        in
        ( { state
            | board = Dict.insert ( x, y ) join.player state.board
            , players = Dict.insert join.player player state.players
          }
        , answer
            [ ( "player", Encode.string join.player )
            , ( "x", Encode.int x )
            , ( "y", Encode.int y )
            , ( "color", Encode.int color )
            ]
        )


{-| The free cell number `k` (from 0) in row order. Counting from the cells in use (sorted by their
place in row order) rather than listing the free ones keeps a join fast on a large board.
-}
nthFreeCell : State -> Int -> ( Int, Int )
nthFreeCell state k =
    let
        index =
            Dict.keys state.board
                |> List.map (\( x, y ) -> y * state.width + x)
                |> List.sort
                |> List.foldl
                    (\used i ->
                        if used <= i then
                            i + 1

                        else
                            i
                    )
                    k
    in
    ( modBy state.width index, index // state.width )


firstFreeColor : Dict String Player -> Int -> Int
firstFreeColor players candidate =
    let
        used =
            Set.fromList (List.map .color (Dict.values players))
    in
    if Set.member candidate used then
        firstFreeColor players (candidate + 1)

    else
        candidate


{-| A free cell next to (4-neighbour) a cell of the player's becomes the player's; so does an
opponent's cell next to at least 2 of the player's cells (a capture: the opponent loses it).
-}
claim : { player : String, x : Int, y : Int, time : Int } -> Player -> State -> ( State, String )
claim move player state =
    let
        cell =
            ( move.x, move.y )

        neighbours =
            ownNeighbours move.player cell state.board
    in
    case Dict.get cell state.board of
        Just owner ->
            if owner == move.player then
                refuse state "the cell is yours already"

            else if neighbours < 2 then
                refuse state ("the cell belongs to " ++ owner)

            else
                let
                    ( next, moved ) =
                        take move { player | captures = player.captures + 1 } state

                    players =
                        Dict.update owner (Maybe.map (\o -> { o | score = o.score - 1 })) next.players
                in
                ( { next | players = players }
                , answer [ ( "score", Encode.int moved.score ), ( "captured", Encode.string owner ) ]
                )

        Nothing ->
            if neighbours < 1 then
                refuse state "not next to your territory"

            else
                let
                    ( next, moved ) =
                        take move player state
                in
                ( next, answer [ ( "score", Encode.int moved.score ) ] )


take : { player : String, x : Int, y : Int, time : Int } -> Player -> State -> ( State, Player )
take move player state =
    let
        moved =
            { player | score = player.score + 1, lastMoveTime = move.time }
    in
    ( { state
        | board = Dict.insert ( move.x, move.y ) move.player state.board
        , players = Dict.insert move.player moved state.players
        , recentMoves = List.take recentLimit (move :: state.recentMoves)
      }
    , moved
    )


ownNeighbours : String -> ( Int, Int ) -> Dict ( Int, Int ) String -> Int
ownNeighbours id ( x, y ) board =
    [ ( x - 1, y ), ( x + 1, y ), ( x, y - 1 ), ( x, y + 1 ) ]
        |> List.filter (\cell -> Dict.get cell board == Just id)
        |> List.length



-- QUERIES


{-| Score descending, then name, then id.
-}
ranking : State -> List ( String, Player )
ranking state =
    Dict.toList state.players
        |> List.sortWith
            (\( idA, a ) ( idB, b ) ->
                case compare b.score a.score of
                    EQ ->
                        compare ( a.name, idA ) ( b.name, idB )

                    order ->
                        order
            )


encodeRank : ( String, Player ) -> Encode.Value
encodeRank ( id, player ) =
    Encode.object
        [ ( "player", Encode.string id )
        , ( "name", Encode.string player.name )
        , ( "score", Encode.int player.score )
        , ( "captures", Encode.int player.captures )
        ]


{-| The board as one string per row, a cell being `.` when free or its owner's color as a
character (`0`-`9`, then `a`-`z`), and the players by color.
-}
view : State -> List ( String, Encode.Value )
view state =
    let
        colorOf id =
            Dict.get id state.players |> Maybe.map .color |> Maybe.withDefault -1

        -- the claimed cells of each row, by x descending (the board is ordered by x, then y)
        claimedByRow =
            Dict.foldl
                (\( x, y ) owner rows ->
                    Dict.update y (\cells -> Just (( x, colorChar (colorOf owner) ) :: Maybe.withDefault [] cells)) rows
                )
                Dict.empty
                state.board

        row y =
            let
                ( text, next ) =
                    List.foldr
                        (\( x, c ) ( acc, from ) -> ( acc ++ String.repeat (x - from) "." ++ c, x + 1 ))
                        ( "", 0 )
                        (Maybe.withDefault [] (Dict.get y claimedByRow))
            in
            text ++ String.repeat (state.width - next) "."
    in
    [ ( "width", Encode.int state.width )
    , ( "height", Encode.int state.height )
    , ( "rows", Encode.list (row >> Encode.string) (List.range 0 (state.height - 1)) )
    , ( "players"
      , Encode.list
            (\( id, player ) ->
                Encode.object
                    [ ( "player", Encode.string id )
                    , ( "name", Encode.string player.name )
                    , ( "color", Encode.int player.color )
                    , ( "score", Encode.int player.score )
                    ]
            )
            (List.sortBy (Tuple.second >> .color) (Dict.toList state.players))
      )
    ]


colorChar : Int -> String
colorChar color =
    let
        chars =
            "0123456789abcdefghijklmnopqrstuvwxyz"
    in
    if color < 0 then
        "?"

    else if color >= String.length chars then
        "+"

    else
        String.slice color (color + 1) chars


describePlayer : String -> Player -> State -> List ( String, Encode.Value )
describePlayer id player state =
    [ ( "player", Encode.string id )
    , ( "name", Encode.string player.name )
    , ( "score", Encode.int player.score )
    , ( "color", Encode.int player.color )
    , ( "captures", Encode.int player.captures )
    , ( "lastMoveTime", Encode.int player.lastMoveTime )
    , ( "cells"
      , Dict.toList state.board
            |> List.filter (\( _, owner ) -> owner == id)
            |> Encode.list (\( ( x, y ), _ ) -> Encode.list Encode.int [ x, y ])
      )
    ]



-- RESPONSES


answer : List ( String, Encode.Value ) -> String
answer fields =
    Encode.encode 0 (Encode.object (( "ok", Encode.bool True ) :: fields))


refuse : State -> String -> ( State, String )
refuse state message =
    ( state, Encode.encode 0 (Encode.object [ ( "ok", Encode.bool False ), ( "error", Encode.string message ) ]) )
