// Command counter is the counter host in Go: it opens a store, deploys the app once and submits
// events.
//
// Usage: counter STORE_DIR APP_JS [EVENT...]   (the same as examples/counter/counter.c)
//
// The app in APP_JS is deployed only when the store has no app yet; after that the store restores
// the app and its state by itself, and APP_JS is not read again.
package main

import (
	"errors"
	"fmt"
	"os"

	persist "github.com/libpersist/libpersist/bindings/go"
)

func run(storeDir, appPath string, events []string) error {
	store, err := persist.Open(storeDir, persist.Options{})
	if err != nil {
		return err
	}
	defer store.Close()

	hash, err := store.AppHash()
	switch {
	case errors.Is(err, persist.ErrNoApp):
		code, err := os.ReadFile(appPath)
		if err != nil {
			return err
		}
		if err := store.Deploy(code, persist.DeployInit, ""); err != nil {
			return err
		}
		hash, _ = store.AppHash()
		fmt.Printf("deployed %s as app %.12s\n", appPath, hash)
	case err != nil:
		return err
	default:
		fmt.Printf("store already has app %.12s; %s is not deployed again\n", hash, appPath)
	}

	for _, event := range events {
		response, err := store.Submit([]byte(event))
		if err != nil {
			return fmt.Errorf("%s: %w", event, err)
		}
		fmt.Printf("%s -> %s\n", event, response)
	}
	head, err := store.Head()
	if err != nil {
		return err
	}
	state, err := store.State()
	if err != nil {
		return err
	}
	fmt.Printf("head: record %d\nstate: %s\n", head, state)
	return nil
}

func main() {
	if len(os.Args) < 3 {
		fmt.Fprintf(os.Stderr, "usage: %s STORE_DIR APP_JS [EVENT...]\n", os.Args[0])
		os.Exit(2)
	}
	if err := run(os.Args[1], os.Args[2], os.Args[3:]); err != nil {
		fmt.Fprintln(os.Stderr, "counter:", err)
		os.Exit(1)
	}
}
