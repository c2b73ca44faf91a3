module Persist exposing
    ( Interface, Worker, worker
    , InterfaceWithMigration, WorkerWithMigration, workerWithMigration
    )

{-| Support for Elm apps whose state libpersist keeps (libpersist's docs/elm.md is the guide).

libpersist never runs `main`. It evaluates the output of `elm make` and calls five top-level
values of the app's main module (by default `Backend.Main`) directly:

    interfaceToHost_initState : State
    interfaceToHost_processEvent : String -> State -> ( State, String )
    interfaceToHost_serializeState : State -> String
    interfaceToHost_deserializeState : String -> Result String State
    interfaceToHost_migrateFromSerialized : String -> Result String State -- apps deployed with migration

Define them in the main module itself, under exactly these names: libpersist finds them by their
compiled names (`$author$project$Backend$Main$interfaceToHost_processEvent`). Elm's dead-code
elimination keeps only what `main` reaches, so `main` must reference every one of them; that is
what this module is for:

    main : Persist.Worker State
    main =
        Persist.worker
            { initState = interfaceToHost_initState
            , processEvent = interfaceToHost_processEvent
            , serializeState = interfaceToHost_serializeState
            , deserializeState = interfaceToHost_deserializeState
            }

An app that is deployed with migration uses `workerWithMigration` and also passes
`migrateFromSerialized = interfaceToHost_migrateFromSerialized`.

The program itself does nothing: it holds the interface as its model, so every function stays
reachable, and it has no commands, no subscriptions and no ports. This module needs only elm/core.

@docs Interface, Worker, worker
@docs InterfaceWithMigration, WorkerWithMigration, workerWithMigration

-}


{-| The four functions every app provides. `processEvent` returns the new state and the response
for the host; returning the very same state value (for a query such as "get") tells libpersist
that nothing changed, so the event is not logged. `deserializeState` must accept everything
`serializeState` produces and give back a state that serializes to the same text.
-}
type alias Interface state =
    { initState : state
    , processEvent : String -> state -> ( state, String )
    , serializeState : state -> String
    , deserializeState : String -> Result String state
    }


{-| The interface of an app that is deployed with migration: `migrateFromSerialized` receives the
serialized state of the app that was live before (which may be an older version of this app, or
this same version) and returns the new state, or `Err` with a message that says why it refuses.
-}
type alias InterfaceWithMigration state =
    { initState : state
    , processEvent : String -> state -> ( state, String )
    , serializeState : state -> String
    , deserializeState : String -> Result String state
    , migrateFromSerialized : String -> Result String state
    }


{-| The type of `main` for an app built with `worker`.
-}
type alias Worker state =
    Program () (Interface state) ()


{-| The type of `main` for an app built with `workerWithMigration`.
-}
type alias WorkerWithMigration state =
    Program () (InterfaceWithMigration state) ()


{-| A `main` that keeps the four interface functions alive.
-}
worker : Interface state -> Worker state
worker =
    keepAlive


{-| A `main` that keeps the five interface functions of an app with a migration alive.
-}
workerWithMigration : InterfaceWithMigration state -> WorkerWithMigration state
workerWithMigration =
    keepAlive


keepAlive : interface -> Program () interface ()
keepAlive app =
    Platform.worker
        { init = \() -> ( app, Cmd.none )
        , update = \() model -> ( model, Cmd.none )
        , subscriptions = \_ -> Sub.none
        }
