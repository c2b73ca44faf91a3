module Basics exposing
    ( Int, Float, (+), (-), (*), (/), (//), (^), toFloat, round, floor, ceiling, truncate
    , (==), (/=), (<), (>), (<=), (>=), max, min, compare, Order(..)
    , Bool(..), not, (&&), (||), xor, (++), modBy, remainderBy, negate, abs, clamp, sqrt, logBase, e
    , pi, cos, sin, tan, acos, asin, atan, atan2, degrees, radians, turns, toPolar, fromPolar
    , isNaN, isInfinite, identity, always, (<|), (|>), (<<), (>>), Never, never
    )

{-| libpersist's stand-in for elm/core's Basics: the same names and types. The compiler turns
most operators into plain JavaScript operators; the kernel functions below are used where an
operator is passed as a value, e.g. `List.foldl (+) 0`.
-}

import Elm.Kernel.Basics
import Elm.Kernel.Utils


infix right 0 (<|) = apL
infix left  0 (|>) = apR
infix right 2 (||) = or
infix right 3 (&&) = and
infix non   4 (==) = eq
infix non   4 (/=) = neq
infix non   4 (<)  = lt
infix non   4 (>)  = gt
infix non   4 (<=) = le
infix non   4 (>=) = ge
infix right 5 (++) = append
infix left  6 (+)  = add
infix left  6 (-)  = sub
infix left  7 (*)  = mul
infix left  7 (/)  = fdiv
infix left  7 (//) = idiv
infix right 8 (^)  = pow
infix left  9 (<<) = composeL
infix right 9 (>>) = composeR


type Int
    = Int


type Float
    = Float


type Bool
    = True
    | False


type Order
    = LT
    | EQ
    | GT


type Never
    = JustOneMore Never


add : number -> number -> number
add =
    Elm.Kernel.Basics.add


sub : number -> number -> number
sub =
    Elm.Kernel.Basics.sub


mul : number -> number -> number
mul =
    Elm.Kernel.Basics.mul


fdiv : Float -> Float -> Float
fdiv =
    Elm.Kernel.Basics.fdiv


idiv : Int -> Int -> Int
idiv =
    Elm.Kernel.Basics.idiv


pow : number -> number -> number
pow =
    Elm.Kernel.Basics.pow


toFloat : Int -> Float
toFloat =
    Elm.Kernel.Basics.toFloat


round : Float -> Int
round =
    Elm.Kernel.Basics.round


floor : Float -> Int
floor =
    Elm.Kernel.Basics.floor


ceiling : Float -> Int
ceiling =
    Elm.Kernel.Basics.ceiling


truncate : Float -> Int
truncate =
    Elm.Kernel.Basics.truncate


eq : a -> a -> Bool
eq =
    Elm.Kernel.Utils.equal


neq : a -> a -> Bool
neq =
    Elm.Kernel.Utils.notEqual


lt : comparable -> comparable -> Bool
lt =
    Elm.Kernel.Utils.lt


gt : comparable -> comparable -> Bool
gt =
    Elm.Kernel.Utils.gt


le : comparable -> comparable -> Bool
le =
    Elm.Kernel.Utils.le


ge : comparable -> comparable -> Bool
ge =
    Elm.Kernel.Utils.ge


min : comparable -> comparable -> comparable
min x y =
    if lt x y then
        x

    else
        y


max : comparable -> comparable -> comparable
max x y =
    if gt x y then
        x

    else
        y


compare : comparable -> comparable -> Order
compare =
    Elm.Kernel.Utils.compare


not : Bool -> Bool
not =
    Elm.Kernel.Basics.not


and : Bool -> Bool -> Bool
and =
    Elm.Kernel.Basics.and


or : Bool -> Bool -> Bool
or =
    Elm.Kernel.Basics.or


xor : Bool -> Bool -> Bool
xor =
    Elm.Kernel.Basics.xor


append : appendable -> appendable -> appendable
append =
    Elm.Kernel.Utils.append


modBy : Int -> Int -> Int
modBy =
    Elm.Kernel.Basics.modBy


remainderBy : Int -> Int -> Int
remainderBy =
    Elm.Kernel.Basics.remainderBy


negate : number -> number
negate n =
    -n


abs : number -> number
abs n =
    if lt n 0 then
        -n

    else
        n


clamp : number -> number -> number -> number
clamp low high number =
    if lt number low then
        low

    else if gt number high then
        high

    else
        number


sqrt : Float -> Float
sqrt =
    Elm.Kernel.Basics.sqrt


logBase : Float -> Float -> Float
logBase base number =
    fdiv (Elm.Kernel.Basics.log number) (Elm.Kernel.Basics.log base)


e : Float
e =
    Elm.Kernel.Basics.e


pi : Float
pi =
    Elm.Kernel.Basics.pi


cos : Float -> Float
cos =
    Elm.Kernel.Basics.cos


sin : Float -> Float
sin =
    Elm.Kernel.Basics.sin


tan : Float -> Float
tan =
    Elm.Kernel.Basics.tan


acos : Float -> Float
acos =
    Elm.Kernel.Basics.acos


asin : Float -> Float
asin =
    Elm.Kernel.Basics.asin


atan : Float -> Float
atan =
    Elm.Kernel.Basics.atan


atan2 : Float -> Float -> Float
atan2 =
    Elm.Kernel.Basics.atan2


degrees : Float -> Float
degrees angleInDegrees =
    fdiv (mul angleInDegrees pi) 180


radians : Float -> Float
radians angleInRadians =
    angleInRadians


turns : Float -> Float
turns angleInTurns =
    mul (mul 2 pi) angleInTurns


toPolar : ( Float, Float ) -> ( Float, Float )
toPolar ( x, y ) =
    ( sqrt (add (mul x x) (mul y y)), atan2 y x )


fromPolar : ( Float, Float ) -> ( Float, Float )
fromPolar ( radius, theta ) =
    ( mul radius (cos theta), mul radius (sin theta) )


isNaN : Float -> Bool
isNaN =
    Elm.Kernel.Basics.isNaN


isInfinite : Float -> Bool
isInfinite =
    Elm.Kernel.Basics.isInfinite


identity : a -> a
identity x =
    x


always : a -> b -> a
always a _ =
    a


apL : (a -> b) -> a -> b
apL f x =
    f x


apR : a -> (a -> b) -> b
apR x f =
    f x


composeL : (b -> c) -> (a -> b) -> (a -> c)
composeL g f x =
    g (f x)


composeR : (a -> b) -> (b -> c) -> (a -> c)
composeR f g x =
    g (f x)


never : Never -> a
never (JustOneMore nvr) =
    never nvr
