module Dict exposing
    ( Dict, empty, singleton, insert, update, remove
    , isEmpty, member, get, size
    , keys, values, toList, fromList
    , map, foldl, foldr, filter, partition
    , union, intersect, diff, merge
    )

{-| libpersist's stand-in for elm/core's Dict: an AVL tree ordered by `compare` on the keys.

The constructors carry the names the compiler knows from elm/core (`RBNode_elm_builtin`,
`RBEmpty_elm_builtin`): with `--optimize` it numbers them -1 and -2 instead of 0 and 1, which is
how `==` recognizes a dictionary and compares two of them by their contents rather than by the
shape of their trees. Here `RBNode_elm_builtin` holds the height of its subtree, not a color.
-}

import Basics exposing (..)
import List exposing ((::))
import Maybe exposing (Maybe(..))


type Dict k v
    = RBNode_elm_builtin Int k v (Dict k v) (Dict k v)
    | RBEmpty_elm_builtin


empty : Dict k v
empty =
    RBEmpty_elm_builtin


singleton : comparable -> v -> Dict comparable v
singleton key value =
    RBNode_elm_builtin 1 key value RBEmpty_elm_builtin RBEmpty_elm_builtin


isEmpty : Dict k v -> Bool
isEmpty dict =
    case dict of
        RBEmpty_elm_builtin ->
            True

        RBNode_elm_builtin _ _ _ _ _ ->
            False


get : comparable -> Dict comparable v -> Maybe v
get target dict =
    case dict of
        RBEmpty_elm_builtin ->
            Nothing

        RBNode_elm_builtin _ key value left right ->
            case compare target key of
                LT ->
                    get target left

                GT ->
                    get target right

                EQ ->
                    Just value


member : comparable -> Dict comparable v -> Bool
member key dict =
    case get key dict of
        Just _ ->
            True

        Nothing ->
            False


size : Dict k v -> Int
size dict =
    foldl (\_ _ n -> n + 1) 0 dict



-- BALANCING


height : Dict k v -> Int
height dict =
    case dict of
        RBNode_elm_builtin h _ _ _ _ ->
            h

        RBEmpty_elm_builtin ->
            0


node : k -> v -> Dict k v -> Dict k v -> Dict k v
node key value left right =
    RBNode_elm_builtin (1 + max (height left) (height right)) key value left right


{-| A node whose subtrees are balanced and differ in height by at most 2 (one insertion or
removal below): one or two rotations restore the AVL invariant.
-}
balance : k -> v -> Dict k v -> Dict k v -> Dict k v
balance key value left right =
    let
        hl =
            height left

        hr =
            height right
    in
    if hl > hr + 1 then
        case left of
            RBNode_elm_builtin _ lk lv ll lr ->
                if height ll >= height lr then
                    node lk lv ll (node key value lr right)

                else
                    case lr of
                        RBNode_elm_builtin _ mk mv ml mr ->
                            node mk mv (node lk lv ll ml) (node key value mr right)

                        RBEmpty_elm_builtin ->
                            node key value left right

            RBEmpty_elm_builtin ->
                node key value left right

    else if hr > hl + 1 then
        case right of
            RBNode_elm_builtin _ rk rv rl rr ->
                if height rr >= height rl then
                    node rk rv (node key value left rl) rr

                else
                    case rl of
                        RBNode_elm_builtin _ mk mv ml mr ->
                            node mk mv (node key value left ml) (node rk rv mr rr)

                        RBEmpty_elm_builtin ->
                            node key value left right

            RBEmpty_elm_builtin ->
                node key value left right

    else
        node key value left right



-- CHANGES


insert : comparable -> v -> Dict comparable v -> Dict comparable v
insert key value dict =
    case dict of
        RBEmpty_elm_builtin ->
            RBNode_elm_builtin 1 key value RBEmpty_elm_builtin RBEmpty_elm_builtin

        RBNode_elm_builtin h k v left right ->
            case compare key k of
                LT ->
                    balance k v (insert key value left) right

                GT ->
                    balance k v left (insert key value right)

                EQ ->
                    RBNode_elm_builtin h key value left right


remove : comparable -> Dict comparable v -> Dict comparable v
remove key dict =
    if member key dict then
        removeHelp key dict

    else
        dict


removeHelp : comparable -> Dict comparable v -> Dict comparable v
removeHelp key dict =
    case dict of
        RBEmpty_elm_builtin ->
            dict

        RBNode_elm_builtin _ k v left right ->
            case compare key k of
                LT ->
                    balance k v (removeHelp key left) right

                GT ->
                    balance k v left (removeHelp key right)

                EQ ->
                    case popMin right of
                        Just ( ( mk, mv ), rest ) ->
                            balance mk mv left rest

                        Nothing ->
                            left


{-| The smallest binding and the tree without it.
-}
popMin : Dict k v -> Maybe ( ( k, v ), Dict k v )
popMin dict =
    case dict of
        RBEmpty_elm_builtin ->
            Nothing

        RBNode_elm_builtin _ k v left right ->
            case popMin left of
                Nothing ->
                    Just ( ( k, v ), right )

                Just ( least, rest ) ->
                    Just ( least, balance k v rest right )


update : comparable -> (Maybe v -> Maybe v) -> Dict comparable v -> Dict comparable v
update key alter dict =
    case alter (get key dict) of
        Just value ->
            insert key value dict

        Nothing ->
            remove key dict



-- LISTS


keys : Dict k v -> List k
keys dict =
    foldr (\key _ acc -> key :: acc) [] dict


values : Dict k v -> List v
values dict =
    foldr (\_ value acc -> value :: acc) [] dict


toList : Dict k v -> List ( k, v )
toList dict =
    foldr (\key value acc -> ( key, value ) :: acc) [] dict


fromList : List ( comparable, v ) -> Dict comparable v
fromList pairs =
    List.foldl (\( key, value ) dict -> insert key value dict) empty pairs



-- TRANSFORM


map : (k -> a -> b) -> Dict k a -> Dict k b
map f dict =
    case dict of
        RBEmpty_elm_builtin ->
            RBEmpty_elm_builtin

        RBNode_elm_builtin h key value left right ->
            RBNode_elm_builtin h key (f key value) (map f left) (map f right)


foldl : (k -> v -> b -> b) -> b -> Dict k v -> b
foldl f acc dict =
    case dict of
        RBEmpty_elm_builtin ->
            acc

        RBNode_elm_builtin _ key value left right ->
            foldl f (f key value (foldl f acc left)) right


foldr : (k -> v -> b -> b) -> b -> Dict k v -> b
foldr f acc dict =
    case dict of
        RBEmpty_elm_builtin ->
            acc

        RBNode_elm_builtin _ key value left right ->
            foldr f (f key value (foldr f acc right)) left


filter : (comparable -> v -> Bool) -> Dict comparable v -> Dict comparable v
filter keep dict =
    foldl
        (\key value acc ->
            if keep key value then
                insert key value acc

            else
                acc
        )
        empty
        dict


partition : (comparable -> v -> Bool) -> Dict comparable v -> ( Dict comparable v, Dict comparable v )
partition pred dict =
    foldl
        (\key value ( yes, no ) ->
            if pred key value then
                ( insert key value yes, no )

            else
                ( yes, insert key value no )
        )
        ( empty, empty )
        dict



-- COMBINE


union : Dict comparable v -> Dict comparable v -> Dict comparable v
union preferred other =
    foldl insert other preferred


intersect : Dict comparable v -> Dict comparable v -> Dict comparable v
intersect dict other =
    filter (\key _ -> member key other) dict


diff : Dict comparable a -> Dict comparable b -> Dict comparable a
diff dict other =
    foldl (\key _ acc -> remove key acc) dict other


merge :
    (comparable -> a -> result -> result)
    -> (comparable -> a -> b -> result -> result)
    -> (comparable -> b -> result -> result)
    -> Dict comparable a
    -> Dict comparable b
    -> result
    -> result
merge onlyLeft both onlyRight leftDict rightDict initial =
    mergeHelp onlyLeft both onlyRight (toList leftDict) (toList rightDict) initial


mergeHelp :
    (comparable -> a -> result -> result)
    -> (comparable -> a -> b -> result -> result)
    -> (comparable -> b -> result -> result)
    -> List ( comparable, a )
    -> List ( comparable, b )
    -> result
    -> result
mergeHelp onlyLeft both onlyRight lefts rights acc =
    case lefts of
        [] ->
            List.foldl (\( k, b ) r -> onlyRight k b r) acc rights

        ( lk, la ) :: restLeft ->
            case rights of
                [] ->
                    List.foldl (\( k, a ) r -> onlyLeft k a r) acc lefts

                ( rk, rb ) :: restRight ->
                    case compare lk rk of
                        LT ->
                            mergeHelp onlyLeft both onlyRight restLeft rights (onlyLeft lk la acc)

                        GT ->
                            mergeHelp onlyLeft both onlyRight lefts restRight (onlyRight rk rb acc)

                        EQ ->
                            mergeHelp onlyLeft both onlyRight restLeft restRight (both lk la rb acc)
