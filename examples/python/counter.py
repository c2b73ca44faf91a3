#!/usr/bin/env python3
"""The counter host in Python: opens a store, deploys the app once, submits events.

Usage: counter.py STORE_DIR APP_JS [EVENT...]   (the same as examples/counter/counter.c)

The app in APP_JS is deployed only when the store has no app yet; after that the store restores the
app and its state by itself, and APP_JS is not read again.
"""

import os
import sys

try:
    import persist
except ImportError:  # not installed: use the binding from this source tree
    sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..",
                                    "bindings", "python", "src"))
    import persist


def main(argv):
    if len(argv) < 3:
        print("usage: %s STORE_DIR APP_JS [EVENT...]" % argv[0], file=sys.stderr)
        return 2
    store_dir, app_path, events = argv[1], argv[2], argv[3:]
    try:
        with persist.Store(store_dir) as store:
            if store.app_hash is None:
                with open(app_path, encoding="utf-8") as f:
                    store.deploy(f.read())
                print("deployed %s as app %s" % (app_path, store.app_hash[:12]))
            else:
                print("store already has app %s; %s is not deployed again"
                      % (store.app_hash[:12], app_path))
            for event in events:
                print("%s -> %s" % (event, store.submit(event)))
            print("head: record %d" % store.head)
            print("state: %s" % store.state())
    except persist.PersistError as e:
        print("counter: %s" % e, file=sys.stderr)
        return 1
    except (OSError, persist.LibraryError) as e:
        print("counter: %s" % e, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
