module Game.Tree exposing (Forest, Tree(..))

{-| Recursive and mutually recursive types with a parameter.
-}


type Tree a
    = Leaf
    | Node a (Forest a)


type alias Forest a =
    List (Tree a)
