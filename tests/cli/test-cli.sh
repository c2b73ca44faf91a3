#!/bin/sh
# test-cli.sh - runs the built `persist` tool ($BUILD/persist) on scratch stores and checks its
# output (byte for byte where scripts depend on it), its JSON documents and its exit codes.
# Environment: BUILD (default build), WRITER (the tests/cli/writer helper; compiled here if
# unset), PERSIST (the tool, default $BUILD/persist). Prints "cli: N passed, M failed".
set -u

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=${BUILD:-build}
case $BUILD in /*) ;; *) BUILD=$ROOT/$BUILD ;; esac
P=${PERSIST:-$BUILD/persist}
FIX=$ROOT/tests/fixtures
COUNTER=$ROOT/examples/counter/counter.js
PY=$(command -v python3 || true)

if [ ! -x "$P" ]; then
    echo "cli: $P is not built (make BUILD=... $P)"
    echo "cli: 0 passed, 1 failed"
    exit 1
fi
T=$(mktemp -d "${TMPDIR:-/tmp}/persist-cli.XXXXXX") || exit 1
trap 'rm -rf "$T"' EXIT
cd "$T" || exit 1

passed=0
failed=0
current=""

fail() {
    failed=$((failed + 1))
    echo "FAIL: $current: $*"
    [ -f out ] && awk 'NR <= 5 { print "    stdout: " $0 }' out
    [ -f err ] && awk 'NR <= 5 { print "    stderr: " $0 }' err
}
pass() { passed=$((passed + 1)); }

# t NAME STATUS ARGS...: runs `persist ARGS` (stdout in ./out, stderr in ./err) and expects STATUS.
t() {
    current=$1
    want=$2
    shift 2
    rm -f out err
    "$P" "$@" >out 2>err
    rc=$?
    if [ "$rc" -eq "$want" ]; then pass; else fail "exit status $rc, expected $want"; fi
}
# t_in NAME STATUS INPUT ARGS...: the same with INPUT on stdin.
t_in() {
    current=$1
    want=$2
    input=$3
    shift 3
    rm -f out err
    printf '%s' "$input" | "$P" "$@" >out 2>err
    rc=$?
    if [ "$rc" -eq "$want" ]; then pass; else fail "exit status $rc, expected $want"; fi
}
# out_is TEXT: stdout is exactly TEXT (no newline added).
out_is() {
    printf '%s' "$1" >want
    if cmp -s want out; then pass; else fail "stdout is not exactly '$1'"; fi
}
# same_out FILE: stdout is byte for byte FILE.
same_out() {
    if cmp -s "$1" out; then pass; else fail "stdout differs from $1"; fi
}
has() { # has FILE TEXT: FILE contains the fixed string TEXT
    if grep -qF -- "$2" "$1"; then pass; else fail "$1 does not contain '$2'"; fi
}
lacks() {
    if grep -qF -- "$2" "$1"; then fail "$1 contains '$2'"; else pass; fi
}
empty() {
    if [ ! -s "$1" ]; then pass; else fail "$1 is not empty"; fi
}
# json EXPR: stdout is one JSON document d for which the Python expression EXPR is true.
json() {
    [ -n "$PY" ] || return 0
    if "$PY" -c 'import json,sys
d = json.load(open("out"))
sys.exit(0 if (eval(sys.argv[1])) else 1)' "$1" 2>pyerr; then
        pass
    else
        fail "JSON check failed: $1 $(cat pyerr)"
    fi
}
# head_of STORE: prints the head record number.
head_of() {
    "$P" info "$1" | sed -n 's/^head *//p'
}

# ---- usage, help, version ----
t "version" 0 --version
VERSION=$(sed -n 's/^#define PERSIST_VERSION_STRING "\(.*\)"/\1/p' "$ROOT/include/persist.h")
has out "persist $VERSION (libpersist $VERSION)"
t "help" 0 --help
has out "Exit status:"
has out "3  busy"
has out "import FILE STORE"
t "help command" 0 help log
has out "Usage: persist log STORE"
t "command --help" 0 state --help
has out "--at N"
t "help unknown command" 1 help frob
t "no command" 1
has err "no command given"
t "unknown command" 1 frob s
has err "unknown command 'frob'"
has err "persist --help"
lacks err "most similar"
t "unknown command: the most similar" 1 staet s
has err "unknown command 'staet'"
printf 'The most similar command is\n\tstate\n' >want-similar
grep -A1 "most similar" err >similar
cmp -s want-similar similar && pass || fail "no 'The most similar command is' + tab + state"
has err "persist --help"
empty out
t "unknown command: a prefix" 1 snap s
has err "$(printf '\tsnapshot')"
t "unknown command: several alike" 1 re s
has err "The most similar commands are"
has err "$(printf '\tresponse')"
has err "$(printf '\trevert')"
t "unknown command: nothing alike" 1 x s
lacks err "most similar"
t "help for an unknown command: the most similar" 1 help lgo
has err "$(printf '\tlog')"
t "unknown command json: the most similar" 1 --json staet s
empty err
json 'd["error"]["message"] == "unknown command " + chr(39) + "staet" + chr(39) + "; the most similar command is state"'
t "unknown option" 1 info s --bogus
has err "unknown option '--bogus'"
has err "persist info --help"
t "short option" 1 info s -x
t "option of another command" 1 log s --at 3
has err "does not apply"
t "missing argument" 1 state
has err "takes 1 argument"
t "too many arguments" 1 info s t
t "option without value" 1 log s --from
has err "needs a value"
t "option value with =" 1 log s --limit=0
has err "at least 1"
t "flag with value" 1 verify s --all=yes
t "bad number" 1 state s --at abc
has err "'abc' is not a number"
t "record number 0" 1 revert s 0
has err "numbered from 1"
t "number overflow" 1 state s --at 99999999999999999999999
t "negative number" 1 log s --from -1
t "bad kind" 1 log s --kind bogus
has err "unknown kind 'bogus'"
t "prune needs --before" 1 prune s
has err "--before"
t "empty store path" 1 info ""
[ ! -e s ] && pass || fail "a usage error created the store"

# ---- missing store: no command creates it except deploy and import ----
for cmd in info log state verify snapshot; do
    t "missing store: $cmd" 2 "$cmd" nostore
    has err "store nostore: not found"
done
t "missing store: submit" 2 submit nostore "add 1"
t "missing store: set-state" 2 set-state nostore "$FIX/testapp_v1.js"
t "missing store: revert" 2 revert nostore 1
t "missing store: prune" 2 prune nostore --before 1
t "missing store: backup" 2 backup nostore bk
t "missing store: export" 2 export nostore ex.json
t "missing store: response" 2 response nostore 1
[ ! -e nostore ] && pass || fail "a command created the missing store"
mkdir emptydir
t "directory without a store: submit" 2 submit emptydir "add 1"
has err "holds no store"
t "directory without a store: info" 2 info emptydir
[ -z "$(ls emptydir)" ] && pass || fail "a command wrote into a directory without a store"
t "missing store: json" 2 --json info nostore
json 'd["ok"] is False and d["error"]["status"] == "PERSIST_ENOTFOUND" and d["error"]["exit"] == 2'
json 'd["command"] == "info" and d["store"] == "nostore"'

# ---- deploy creates the store; submit; state byte for byte ----
t "deploy creates" 0 deploy s "$FIX/testapp_v1.js"
has out "head is record 1"
t "submit" 0 submit s "add 5"
out_is "n=5"
t "submit append" 0 submit s "append ab"
out_is "hist=ab"
t "submit query (not logged)" 0 submit s "get"
out_is "n=5 hist=ab"
t "state" 0 state s
out_is '{"v":1,"n":5,"hist":"ab"}'
t "state json" 0 --json state s
json 'd == {"command": "state", "store": "s", "state": "{\"v\":1,\"n\":5,\"hist\":\"ab\"}", "ok": True}'
t "submit json" 0 submit s "mul 3" --json
json 'd["response"] == "n=15" and d["head"] == 4 and d["ok"] is True'
t "submit after --" 0 submit s -- "-x"
out_is "unknown event"
t "info" 0 info s
has out "head         4"
has out "records      4 stored (1-4)"
has out "deployments  1"
has out "deploy_init"
t "info json" 0 --json info s
json 'd["head"] == 4 and d["record_count"] == 4 and d["oldest"] == 1 and d["snapshot_seq"] == 1'
json 'len(d["apps"]) == 1 and d["apps"][0]["kind"] == "deploy_init" and len(d["app_hash"]) == 64'
json 'd["snapshots"][0]["seq"] == 1 and d["snapshots"][0]["state_bytes"] == len("{\"v\":1,\"n\":0,\"hist\":\"\"}")'
json 'd["replay_records"] == 3 and d["module"] == "app" and "state_bytes" not in d'
if command -v sha256sum >/dev/null; then
    has out "$(sha256sum "$FIX/testapp_v1.js" | cut -c1-64)"
fi

# Texts with quotes, backslashes, control characters and non-ASCII UTF-8.
odd=$(printf 'append "q"\\\t\001é€😀')
t "submit odd text" 0 submit s "$odd"
printf '{"v":1,"n":15,"hist":"ab\\"q\\"\\\\\\t\\u0001é€😀"}' >want-odd
t "state odd text" 0 state s
same_out want-odd
t "log odd text" 0 log s --from 5
has out '"append \"q\"\\\t\u0001é€😀"'
t "log odd text json" 0 --json log s --from 5
json 'd["records"][0]["event"] == "append \"q\"\\\t\x01é€😀"'
t "state odd text json" 0 --json state s
json 'd["state"] == open("want-odd", encoding="utf-8").read()'

# ---- log ----
t "log" 0 log s
has out "     1  "
has out "deploy_init"
has out '"add 5"'
has out '"mul 3"'
lacks out '"get"'
[ "$(wc -l <out)" -eq 5 ] && pass || fail "log shows $(wc -l <out) lines, expected 5"
t "log --from --limit" 0 log s --from 2 --limit 2
[ "$(wc -l <out)" -eq 2 ] && pass || fail "expected 2 lines"
has out '"add 5"'
has out '"append ab"'
t "log --kind" 0 log s --kind deploy_init
[ "$(wc -l <out)" -eq 1 ] && pass || fail "expected 1 line"
t "log json" 0 --json log s --kind event --from 3
json '[r["seq"] for r in d["records"]] == [3, 4, 5] and d["records"][1]["event"] == "mul 3"'
json 'all(r["kind"] == "event" and r["time"].endswith("Z") for r in d["records"])'
t "log past the head" 0 log s --from 99
has out "no records"
t "log past the head json" 0 --json log s --from 99
json 'd["records"] == [] and d["ok"] is True'
long=$(printf 'append %0200d' 7)
t "submit long event" 0 submit s "$long"
t "log cuts long texts" 0 log s --from 6
has out "... (207 bytes)"
t "log --full" 0 log s --from 6 --full
has out "$long"

# ---- a store under a directory that does not exist ----
t "deploy under a missing directory" 2 deploy no/such/store "$FIX/testapp_v1.js"
has err "no/such does not exist; create it first"
lacks err "creates a store"
[ ! -e no ] && pass || fail "deploy created no/"

# ---- client ids: submit --id, and log shows them ----
t "deploy for ids" 0 deploy ids "$FIX/testapp_v1.js"
t "submit --id" 0 submit ids "add 2" --id req-1
out_is "n=2"
empty err
t "submit --id again" 0 submit ids "add 40" --id req-1
out_is "n=2"
has err "client id req-1 was applied before (record 2): nothing was applied again"
t "submit --id json" 0 --json submit ids "add 3" --id 'r"é'
json 'd["response"] == "n=5" and d["seq"] == 3 and d["duplicate"] is False and d["head"] == 3'
t "submit --id duplicate json" 0 --json submit ids "add 9" --id req-1
json 'd["response"] == "n=2" and d["seq"] == 2 and d["duplicate"] is True and d["head"] == 3'
t "submit without id" 0 submit ids "add 1"
t "submit --id empty" 1 submit ids "add 1" --id ''
has err "a client id has 1 to 256 bytes, not 0"
t "query --id" 1 query ids get --id x
has err "option --id does not apply to \`persist query\`"
t "log ids" 0 log ids
has out 'event          id "req-1" "add 2"'
has out 'event          id "r\"é" "add 3"'
has out 'event          "add 1"'
[ "$(grep -c ' id ' out)" -eq 2 ] && pass || fail "log shows $(grep -c ' id ' out) ids, expected 2"
t "log ids json" 0 --json log ids --kind event
json '[r.get("client_id") for r in d["records"]] == ["req-1", "r\"é", None]'

# ---- app errors change nothing ----
before=$(head_of s)
t "submit throws" 5 submit s throw
has err "store s: app threw an exception"
has err "boom"
has err "nothing was changed"
empty out
t "submit throws json" 5 --json submit s throw
json 'd["ok"] is False and d["error"]["status"] == "PERSIST_ESCRIPT" and "boom" in d["error"]["message"]'
t "submit bad response" 5 submit s badresp
t "deploy bad syntax" 5 deploy s "$FIX/bad_syntax.js" --init
has err "app code failed to load"
t "deploy missing contract" 5 deploy s "$FIX/bad_no_update.js" --init
t "deploy failing migration" 5 deploy s "$FIX/bad_migrate_throws.js" --migrate
[ "$(head_of s)" = "$before" ] && pass || fail "a failed command added records"
t "deploy missing file" 2 deploy s missing.js
has err "cannot open missing.js"
t "deploy into a new store fails" 5 deploy new "$FIX/bad_syntax.js"
[ ! -e new ] && pass || fail "a failed deploy left the store it created"
t "migrate with no app" 2 deploy new "$FIX/testapp_v2.js" --migrate
has err "no app deployed"
[ ! -e new ] && pass || fail "a failed deploy left the store it created"

# ---- a deploy onto an app says what it does with the state ----
before=$(head_of s)
t "state before a deploy without a mode" 0 state s
cp out want-before
t "deploy onto an app needs a mode" 1 deploy s "$FIX/testapp_v2.js"
has err "store s: the store has an app"
has err "--migrate keeps it"
has err "--init replaces it"
has err "nothing was changed"
empty out
[ "$(head_of s)" = "$before" ] && pass || fail "a deploy without a mode added records"
t "state after a deploy without a mode" 0 state s
same_out want-before
t "deploy onto an app needs a mode json" 1 --json deploy s "$FIX/testapp_v2.js"
json 'd["ok"] is False and d["error"]["status"] == "PERSIST_EINVAL" and d["error"]["exit"] == 1'
json '"--init" in d["error"]["message"] and "--migrate" in d["error"]["message"]'
t "deploy --init and --migrate" 1 deploy s "$FIX/testapp_v1.js" --init --migrate
has err "exclude each other"
t "deploy --init into a new store" 0 --json deploy new-init "$FIX/testapp_v1.js" --init
json 'd["mode"] == "init" and d["head"] == 1'
t "deploy --init onto an app" 0 deploy new-init "$COUNTER" --init
has out "deployed (init)"
t "state after deploy --init" 0 state new-init
out_is '{"count":0}'
t "plain deploy into a new store is an init" 0 --json deploy new-plain "$COUNTER"
json 'd["mode"] == "init"'

# ---- deploy --migrate, state --at, response ----
t "state at 4" 0 state s --at 4
out_is '{"v":1,"n":15,"hist":"ab"}'
t "deploy migrate" 0 deploy s "$FIX/testapp_v2.js" --migrate
has out "deployed (migrate)"
t "state after migrate" 0 state s
has out '"v":2'
has out '"tag":"migrated"'
t "submit v2" 0 submit s "tag blue"
out_is "v2 tag=blue"
t "state at 4 after migrate" 0 state s --at 4
out_is '{"v":1,"n":15,"hist":"ab"}'
t "state at json" 0 --json state s --at 2
json 'd["at"] == 2 and d["state"] == "{\"v\":1,\"n\":5,\"hist\":\"\"}"'
t "response" 0 response s 4
out_is "n=15"
t "response json" 0 response s 2 --json
json 'd["response"] == "n=5" and d["seq"] == 2'
t "response to a deploy" 1 response s 1
has err "record 1"
t "state after the head" 1 state s --at 999
has err "store s: "
has err "record 999"
t "state after the head json" 1 --json state s --at 999
json 'd["error"]["record"] == 999 and d["error"]["status"] == "PERSIST_EINVAL"'
t "deploy with module" 0 deploy s "$FIX/testapp_v1.js" --init --module app
t "log deploys" 0 --json log s --kind deploy
json '[r["kind"] for r in d["records"]] == ["deploy_init", "deploy_migrate", "deploy_init"]'
json 'd["records"][2]["module"] == "app" and d["records"][0]["module"] == "app"'

# ---- set-state ----
printf '{"v":1,"n":42,"hist":"set"}' >state.json
t "set-state file" 0 set-state s state.json
t "state after set-state" 0 state s
out_is '{"v":1,"n":42,"hist":"set"}'
t_in "set-state stdin" 0 '{"v":1,"n":43,"hist":"stdin"}' set-state s -
t "state after set-state stdin" 0 state s
out_is '{"v":1,"n":43,"hist":"stdin"}'
t_in "set-state rejected" 5 'not json' set-state s -
has err "app rejected the state"
t "state after rejected set-state" 0 state s
out_is '{"v":1,"n":43,"hist":"stdin"}'
t "set-state missing file" 2 set-state s missing.json
t "submit invalid UTF-8" 1 submit s "$(printf 'add \377')"
has err "UTF-8"

# ---- snapshot ----
t "snapshot" 0 snapshot s
has out "snapshot after record $(head_of s)"
t "snapshot json" 0 --json snapshot s
json 'd["snapshot_seq"] > 1'

# ---- revert ----
t "state at 3" 0 state s --at 3
cp out want-at-3
t "revert" 0 revert s 3
has out "reverted to the state after record 3"
t "state after revert" 0 state s
same_out want-at-3
t "log reset" 0 --json log s --kind reset
json 'len(d["records"]) == 1 and d["records"][0]["source_seq"] == 3'
reverted=$(head_of s)
t "submit after revert (v1 app)" 0 submit s "add 1"
out_is "n=6"
t "revert past the head" 1 revert s 999
has err "record 999"

# ---- verify ----
t "verify" 0 verify s
has out "store s: ok"
t "verify --all json" 0 verify s --all --json
json 'd["problems"] == 0 and d["records_checked"] >= 10 and d["ok"] is True'

# ---- backup, export, import ----
t "backup" 0 backup s bk
has out "backed up to bk"
t "backup state" 0 state bk
t "state of the original" 0 state s
cp out want-now
t "backup state again" 0 state bk
same_out want-now
t "backup into a store" 1 backup s bk
has err "already exists"
t "export" 0 export s ex.json
[ -s ex.json ] && pass || fail "no export file"
# Never into the store's directory: renamed into place, the file replaced data.mdb, and the store
# was gone ("meta page 0 has no LMDB magic number").
t "export onto the store's data.mdb" 1 export s s/data.mdb
has err "s/data.mdb is in the store's directory"
t "export beside the store's files" 1 export s ./s/../s/x.json
t "the store is still there" 0 state s
same_out want-now
t "import" 0 import ex.json s2
has out "store s2: imported; head is record 1"
t "imported state" 0 state s2
same_out want-now
t "import into a store with records" 1 import ex.json s2
has err "already exists"
t "import a file that is not an export" 1 import state.json s3
[ ! -e s3 ] && pass || fail "a failed import left the store it created"
t "import a missing file" 2 import missing.json s3
[ ! -e s3 ] && pass || fail "a failed import left the store it created"
t "import json" 0 --json import ex.json s4
json 'd["head"] == 1 and d["store"] == "s4" and d["file"] == "ex.json"'
# A directory is no export file ("out of memory" before), and /proc/self cannot take a backup ("not a
# persist store" before).
mkdir adir
t "import a directory" 1 import adir s5
has err "not a regular file"
[ ! -e s5 ] && pass || fail "a failed import left the store it created"
t "backup into /proc/self" 6 backup s /proc/self
lacks err "not a persist store"
lacks err "out of memory"
# --map-size: a store whose map starts at 64 KiB grows as it fills, also for prune.
t "deploy with a small map" 0 --map-size 65536 deploy small "$COUNTER"
i=0
while [ $i -lt 200 ]; do "$P" --map-size 65536 submit small "add 1" >/dev/null || break; i=$((i + 1)); done
[ $i -eq 200 ] && pass || fail "submit $i failed with a small map"
t "snapshot with a small map" 0 --map-size 65536 snapshot small
t "prune with a small map" 0 --map-size 65536 --json prune small --before 201
json 'd["records_removed"] == 200'
t "state after prune" 0 state small
out_is '{"count":200}'
t "bad map size" 1 --map-size lots info small
has err "--map-size: 'lots' is not a number"

# ---- counter example ----
t "deploy counter" 0 deploy c "$COUNTER"
t "counter add" 0 submit c "add 5"
out_is "count is 5"
t "counter state" 0 state c
out_is '{"count":5}'

t_in "deploy from stdin" 0 "$(cat "$COUNTER")" deploy c2 -
t "deployed from stdin" 0 --json info c2
json 'd["head"] == 1 and d["apps"][0]["code_bytes"] > 0'

# ---- console output and warnings of the app ----
t "deploy console app" 0 deploy bc "$FIX/bad_console.js"
t "console.log is quiet" 0 submit bc "add 2"
empty err
t "console.log with --verbose" 0 submit bc "add 3" --verbose
has err "store bc: info: "
has err "bad_console update"
t "console.warn is shown" 0 submit bc "warn careful"
has err "store bc: warning: "
has err "careful"

# ---- messages: each once per command; inspection commands keep the app quiet; --json keeps
# stderr clean (an Elm app compiled without --optimize warns every time it is loaded) ----
ELM=$ROOT/examples/elm-counter/v1/compiled/main.dev.js
DEVWARN="Compiled in DEV mode"
# count_is FILE TEXT N: TEXT occurs on exactly N lines of FILE
count_is() {
    n=$(grep -cF -- "$2" "$1")
    [ "$n" -eq "$3" ] && pass || fail "$1 has '$2' on $n lines, expected $3"
}
t "deploy dev-mode Elm: one warning" 0 deploy elm "$ELM"
count_is err "$DEVWARN" 1
has err "store elm: warning: "
"$P" deploy elm-m "$ELM" >/dev/null 2>&1
t "deploy --migrate dev-mode Elm: one warning" 0 deploy elm-m \
    "$ROOT/examples/elm-counter/v2/compiled/main.dev.js" --migrate
count_is err "$DEVWARN" 1
t "submit dev-mode Elm: one warning" 0 submit elm "add 2"
out_is "count=2"
count_is err "$DEVWARN" 1
t "snapshot dev-mode Elm: one warning" 0 snapshot elm
count_is err "$DEVWARN" 1
for cmd in info log state verify "verify --all" "state --at 2" "response 2" "backup elm-bk" \
    "export elm.json"; do
    set -- $cmd
    c1=$1
    shift
    t "$cmd: no app output" 0 "$c1" elm "$@"
    empty err
done
t "state --verbose: the app's warning once" 0 state elm --verbose
count_is err "$DEVWARN" 1
t "verify --verbose: the app's warning once" 0 verify elm --all --verbose
count_is err "$DEVWARN" 1
t "submit --json: stderr is clean" 0 --json submit elm "add 3"
empty err
json 'd["response"] == "count=5" and [m["level"] for m in d["messages"]] == ["warning"]'
json '"Compiled in DEV mode" in d["messages"][0]["message"]'
t "state --json: no app messages" 0 --json state elm
empty err
json '"messages" not in d and d["state"] == "{\"count\":5}"'
t "submit --json --verbose: stderr too" 0 --json --verbose submit elm "add 1"
count_is err "$DEVWARN" 1
json 'len(d["messages"]) == 1'
t "replay of logging events: quiet" 0 state bc --at 3
empty err
t "replay of logging events --verbose" 0 state bc --at 3 --verbose
has err "bad_console update add 2 n=2"
has err "bad_console update add 3 n=5"
t "failure --json: stderr is clean" 2 --json info nostore
empty err
json 'd["error"]["status"] == "PERSIST_ENOTFOUND"'
t "failure --json --verbose: stderr too" 2 --json --verbose info nostore
has err "store nostore: not found"
t "usage error --json" 1 info s --bogus --json
empty err
json 'd["ok"] is False and d["error"]["message"] == "unknown option " + chr(39) + "--bogus" + chr(39)'
json 'd["error"]["exit"] == 1'
json 'd["command"] == "info" and d["error"]["status"] == "PERSIST_EINVAL"'
t "usage error --json --verbose" 1 --json --verbose frob
has err "unknown command 'frob'"
json 'd["command"] is None and d["ok"] is False'

# ---- prune ----
"$P" info c >info-c-before
for i in 1 2 3; do "$P" submit c "add $i" >/dev/null; done
t "counter snapshot" 0 snapshot c
for i in 4 5; do "$P" submit c "add $i" >/dev/null; done
t "prune" 0 prune c --before 6
has out "kept the records from 5 on"
t "log after prune" 0 --json log c
json '[r["seq"] for r in d["records"]] == [5, 6, 7]'
t "state after prune" 0 state c
out_is '{"count":20}'
t "state before the pruned history" 2 state c --at 3
has err "record 3"
t "state at the kept snapshot" 0 state c --at 5
out_is '{"count":11}'
t "prune before any snapshot" 2 prune c --before 2
has err "persist snapshot c"
t "prune json" 0 --json prune c --before 7
json 'd["kept_from"] == 5 and d["records_removed"] == 0'
t "verify after prune" 0 verify c --all
t "info after prune: the app from the kept snapshot" 0 info c
has out "app          $(sed -n 's/^app  *//p' info-c-before)"
has out "its deployment is not stored"
has out "deployments  0"
t "info after prune json" 0 --json info c
json 'len(d["app_hash"]) == 64 and "module" not in d and d["apps"] == [] and d["oldest"] == 5'

# ---- corrupted stores ----
# replace the 7th byte of every copy of MARKER in STORE/data.mdb (LMDB may keep old copies)
damage() {
    found=0
    for off in $(grep -obUa "$2" "$1/data.mdb" | cut -d: -f1); do
        printf 'Y' | dd of="$1/data.mdb" bs=1 seek=$((off + 6)) conv=notrunc 2>/dev/null
        found=1
    done
    [ $found -eq 1 ] && pass || fail "marker $2 not found in $1/data.mdb"
}
current="corrupt history"
rm -f out err
"$P" deploy bad "$FIX/testapp_v1.js" >/dev/null && "$P" submit bad "add 2" >/dev/null &&
    "$P" submit bad "add 7 XCLIMARKX" >/dev/null && "$P" submit bad "add 4" >/dev/null &&
    "$P" snapshot bad >/dev/null && "$P" submit bad "add 5" >/dev/null && pass || fail "setup"
damage bad XCLIMARKX
t "verify damaged history" 4 verify bad
has out "the first at record 3"
has err "store bad: "
has err "record 3"
has err "store is corrupt"
t "verify damaged history json" 4 --json verify bad --all
json 'd["problems"] >= 1 and d["first_problem_seq"] == 3 and d["error"]["record"] == 3'
json 'd["error"]["status"] == "PERSIST_ECORRUPT" and d["error"]["exit"] == 4'
current="damaged app code"
rm -f out err
{ cat "$FIX/testapp_v1.js"; echo "// XAPPMARKX"; } >marked.js
"$P" deploy badapp marked.js >/dev/null && "$P" submit badapp "add 2" >/dev/null && pass ||
    fail "setup"
damage badapp XAPPMARKX
t "verify damaged app code" 4 verify badapp
has out "store badapp: "
has out " problem"
lacks out "the first at record 0" # an app (or LMDB's page structure) is at no record
t "state of a store with damaged history" 0 state bad
out_is '{"v":1,"n":18,"hist":""}'
t "log shows the records before the damage" 4 log bad
has out '"add 2"'
has err "record 3"

# An app that cannot serialize a state it made: verify exits with the app's status, not "corrupt".
current="app failing on its own state"
rm -f out err
cat >poison.js <<'EOF_APP'
var app = {
  init: function () { return { n: 0, p: false }; },
  update: function (e, s) { var n = { n: s.n + 1, p: s.p || e === 'poison' }; return [n, 'n=' + n.n]; },
  serialize: function (s) { if (s.p) throw new Error('POISONED'); return JSON.stringify(s); },
  deserialize: function (t) { return JSON.parse(t); }
};
EOF_APP
"$P" deploy poisoned poison.js >/dev/null && "$P" submit poisoned "add" >/dev/null &&
    "$P" submit poisoned "poison" >/dev/null && pass || fail "setup"
t "verify: the app fails on its state" 5 verify poisoned
has out "store poisoned: 1 problem, the first at record 3"
has err "the app fails on the state at record 3"
has err "Error: POISONED"
has err "the records are intact"
lacks err "store is corrupt"
lacks err "backup"
t "verify: the app fails on its state, json" 5 --json verify poisoned
json 'd["problems"] == 1 and d["first_problem_seq"] == 3 and d["error"]["record"] == 3'
json 'd["error"]["status"] == "PERSIST_ESCRIPT" and d["error"]["exit"] == 5'

current="damaged newest snapshot"
rm -f out err
# The state "XSNAPMARKX" is in the snapshot only: the two events carry half of it each.
"$P" deploy bads "$FIX/testapp_v1.js" >/dev/null && "$P" submit bads "append XSNAP" >/dev/null &&
    "$P" submit bads "append MARKX" >/dev/null && "$P" snapshot bads >/dev/null &&
    "$P" submit bads "add 1" >/dev/null && pass || fail "setup"
damage bads XSNAPMARKX
t "state falls back from a damaged snapshot" 0 state bads
out_is '{"v":1,"n":1,"hist":"XSNAPMARKX"}'
count_is err "restoring from an older snapshot" 1
t "info on a damaged snapshot" 4 info bads
has out "head         4"
has out "records      4 stored (1-4)"
has out "snapshots    damaged: snapshot 3 is damaged"
has out "deployments  1"
has out "from record 1 (deploy_init), module app"
has err "store bads: store is corrupt: snapshot 3 is damaged"
lacks err "restoring from an older snapshot"
t "info on a damaged snapshot json" 4 --json info bads
json 'd["head"] == 4 and d["snapshots"] is None and "snapshot 3" in d["snapshots_error"]'
json 'len(d["apps"]) == 1 and len(d["app_hash"]) == 64 and d["error"]["status"] == "PERSIST_ECORRUPT"'
t "info runs no app code" 0 info bc --verbose
lacks err "bad_console"
empty err

current="corrupt head"
rm -f out err
"$P" deploy bad2 "$FIX/testapp_v1.js" >/dev/null && "$P" submit bad2 "add 2" >/dev/null &&
    "$P" submit bad2 "add 7 XCLIMARKX" >/dev/null && pass || fail "setup"
damage bad2 XCLIMARKX
t "info on a damaged head" 4 info bad2
has out "head         3"
has out "deployments  unknown (damaged history"
has out "app          $(sha256sum "$FIX/testapp_v1.js" | cut -c1-64)"
has err "store bad2: store is corrupt"
has err "record 3"
has err "persist verify bad2"
t "verify on a damaged head" 4 verify bad2
has err "record 3"
t "verify on a damaged head json" 4 --json verify bad2
empty err
json 'd["error"]["record"] == 3 and "its restore fails" in d["messages"][0]["message"]'
t "submit on a damaged head" 4 submit bad2 "add 1"
t "state --at before the damage on a damaged head" 0 state bad2 --at 2
out_is '{"v":1,"n":2,"hist":""}'
t "backup of a damaged head" 0 backup bad2 bad2-copy
t "repair: revert to before the damage" 0 revert bad2 2
has err "its restore fails"
t "the repaired store opens again" 0 state bad2
out_is '{"v":1,"n":2,"hist":""}'
t "and works" 0 submit bad2 "add 1"
out_is "n=3"
t "verify still reports the damaged history" 4 verify bad2
has err "record 3"

# The newest record deleted through LMDB (its structure intact): the snapshot after it shows the
# loss. info printed "a restore replays 18446744073709551615 records" (and that number in JSON),
# and the library opened the store at the shorter head.
DROP_TAIL=${DROP_TAIL:-}
case $DROP_TAIL in /* | "") ;; *) DROP_TAIL=$ROOT/$DROP_TAIL ;; esac
if [ -z "$DROP_TAIL" ]; then
    DROP_TAIL=$T/drop_tail
    cc -std=c11 "$ROOT/tests/cli/drop_tail.c" -o "$DROP_TAIL" -llmdb || DROP_TAIL=""
fi
current="newest records lost"
rm -f out err
"$P" deploy lost "$FIX/testapp_v1.js" >/dev/null && "$P" submit lost "add 2" >/dev/null &&
    "$P" submit lost "add 5" >/dev/null && "$P" snapshot lost >/dev/null &&
    "$DROP_TAIL" lost 1 && pass || fail "setup"
t "info on a store that lost its newest record" 4 info lost
has out "head         2"
has out "state        23 bytes in the newest snapshot, after record 3, which the store lacks: records 3 to 3 are missing"
lacks out "replays"
has err "records 3 to 3 are missing (the store ends at record 2 but holds a snapshot after record 3)"
t "info json on a store that lost its newest record" 4 --json info lost
json 'd["head"] == 2 and "replay_records" not in d and d["error"]["status"] == "PERSIST_ECORRUPT"'
t "state of a store that lost its newest record" 4 state lost
has err "restore the store from a backup, or revert to record 2 to go on without them"
t "submit to a store that lost its newest record" 4 submit lost "add 1"
t "revert to the head it has" 0 revert lost 2
t "the reverted store opens" 0 state lost
out_is '{"v":1,"n":2,"hist":""}'

# ---- progress bar and terminal newline (only with a terminal from script(1)) ----
if command -v script >/dev/null && script -qec true /dev/null >/dev/null 2>&1; then
    current="progress on a terminal"
    rm -f out err
    script -qec "'$P' verify c --all" /dev/null >tty.out 2>&1
    has tty.out "persist: verify"
    has tty.out "100%"
    current="state on a terminal"
    script -qec "'$P' state c 2>/dev/null" /dev/null >tty.out 2>&1
    printf '{"count":20}\r\n' >want-tty
    cmp -s want-tty tty.out && pass || fail "a terminal does not get state plus a newline"
    # The pager: a fake one that names itself, and a fake `less` first on PATH for the default.
    mkdir -p bin
    printf '#!/bin/sh\necho "fakepager: $*"\ncat\n' >fakepager
    printf '#!/bin/sh\necho "otherpager"\ncat\n' >otherpager
    printf '#!/bin/sh\necho "fakeless: $*"\ncat\n' >bin/less
    chmod +x fakepager otherpager bin/less
    # tty_run NAME ENV ARGS...: `env ENV persist ARGS` on a terminal, its output and then the line
    # "rc=N" (its exit status) in tty.out
    tty_run() {
        current=$1
        envs=$2
        shift 2
        rm -f out err
        script -qfec "env $envs '$P' $*; echo rc=\$?" /dev/null >tty.out 2>&1
    }
    tty_run "log pages through PERSIST_PAGER" "-u PAGER PERSIST_PAGER='$T/fakepager --opt'" log c
    has tty.out "fakepager: --opt"
    has tty.out '"add 5"'
    has tty.out "rc=0"
    tty_run "log pages through PAGER" "-u PERSIST_PAGER PAGER=$T/fakepager" log c
    has tty.out "fakepager: "
    tty_run "PERSIST_PAGER before PAGER" "PERSIST_PAGER=$T/fakepager PAGER=$T/otherpager" log c
    has tty.out "fakepager: "
    lacks tty.out "otherpager"
    tty_run "default pager: less -FRX" "-u PAGER -u PERSIST_PAGER PATH=$T/bin:\$PATH" log c
    has tty.out "fakeless: -FRX"
    has tty.out '"add 5"'
    tty_run "PERSIST_PAGER=cat: no pager" "PERSIST_PAGER=cat PAGER=$T/fakepager" log c
    lacks tty.out "fakepager"
    has tty.out '"add 5"'
    tty_run "PERSIST_PAGER empty: no pager" "PERSIST_PAGER= PAGER=$T/fakepager" log c
    lacks tty.out "fakepager"
    has tty.out '"add 5"'
    tty_run "--no-pager" "PERSIST_PAGER=$T/fakepager" log c --no-pager
    lacks tty.out "fakepager"
    has tty.out '"add 5"'
    tty_run "never page --json" "PERSIST_PAGER=$T/fakepager" --json log c
    lacks tty.out "fakepager"
    has tty.out '"records":'
    tty_run "a pager that cannot start: no pager" "PERSIST_PAGER=$T/no-such-pager" log c
    has tty.out '"add 5"'
    has tty.out "rc=0"
    tty_run "a pager with shell syntax" "PERSIST_PAGER='$T/fakepager | sed s/^/piped:/'" log c
    has tty.out "piped:fakepager"
    has tty.out 'piped:     5'
    tty_run "only log pages" "PERSIST_PAGER=$T/fakepager" state c
    lacks tty.out "fakepager"
    has tty.out '{"count":20}'
fi
PERSIST_PAGER=$T/fakepager
export PERSIST_PAGER
t "no pager without a terminal" 0 log c
lacks out "fakepager"
[ "$(wc -l <out)" -eq 3 ] && pass || fail "log c shows $(wc -l <out) lines, expected 3"
t "no progress without a terminal" 0 verify c --all
empty err
unset PERSIST_PAGER

# ---- the man page: its first example is what the tool prints; it names every command and option ----
current="man page example"
rm -f out err
mkdir -p man/bin && ln -sf "$P" man/bin/persist && ln -sf "$ROOT/examples" man/examples
sed -n '/^Create a store with an app/,/^\.EE/p' "$ROOT/docs/persist.1" | sed '1,/^\.EX/d; /^\.EE/d' |
    sed 's/\\-/-/g' >man/example
TS='s/[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{3}Z/TIME/g'
grep -v '^\$ ' man/example | sed -E "$TS" >man/want
# each command as on a terminal (the state gets a newline)
grep '^\$ ' man/example | sed 's/^\$ //' | while IFS= read -r cmd; do
    (cd man && PATH="$T/man/bin:$PATH" sh -c "$cmd" >one 2>&1 && sed '$a\' one)
done | sed -E "$TS" >man/got
[ "$(grep -c . man/want)" -ge 5 ] && pass || fail "the example was not found in docs/persist.1"
cmp -s man/want man/got && pass || fail "the example differs: $(diff man/want man/got | head -5)"
current="man page names every command and option"
for cmd in $("$P" --help | sed -n 's/^  \([a-z][a-z-]*\) .*/\1/p'); do
    grep -qxF ".B $(printf '%s' "$cmd" | sed 's/-/\\-/g')" "$ROOT/docs/persist.1" && pass ||
        fail "the synopsis lacks $cmd"
done
for cmd in "" info log state response verify backup export submit deploy set-state snapshot \
    revert prune import; do
    "$P" $cmd --help
done | grep -o -- '--[a-z][a-z-]*' | sort -u >man/options
[ "$(wc -l <man/options)" -ge 15 ] && pass || fail "only $(wc -l <man/options) options in --help"
while IFS= read -r opt; do
    grep -qF -- "$(printf '%s' "$opt" | sed 's/-/\\-/g')" "$ROOT/docs/persist.1" && pass ||
        fail "docs/persist.1 does not mention $opt"
done <man/options

# ---- reads while another process writes ----
WRITER=${WRITER:-}
case $WRITER in /* | "") ;; *) WRITER=$ROOT/$WRITER ;; esac
if [ -z "$WRITER" ]; then
    WRITER=$T/writer
    cc -std=c11 -D_GNU_SOURCE -I"$ROOT/include" "$ROOT/tests/cli/writer.c" -o "$WRITER" \
        -L"$BUILD" -lpersist -Wl,-rpath,"$BUILD" || WRITER=""
fi
if [ -n "$WRITER" ]; then
    "$P" deploy w "$COUNTER" >/dev/null
    "$WRITER" w ready stop >writer.out 2>writer.err &
    wpid=$!
    i=0
    while [ ! -e ready ] && [ $i -lt 100 ] && kill -0 $wpid 2>/dev/null; do
        sleep 0.1
        i=$((i + 1))
    done
    current="writer started"
    rm -f out err
    [ -e ready ] && pass || fail "the writer did not start: $(cat writer.err)"
    t "info while writing" 0 info w
    t "log while writing" 0 --json log w
    json 'd["records"][0]["kind"] == "deploy_init" and d["ok"] is True'
    t "state while writing" 0 state w
    has out '"count":'
    t "state at while writing" 0 state w --at 1
    out_is '{"count":0}'
    t "verify while writing" 0 verify w
    t "backup while writing" 0 backup w wbk
    t "export while writing" 0 export w wex.json
    t "submit while writing" 3 submit w "add 1"
    has err "store w: store is busy"
    has err "another process is writing the store"
    t "submit while writing json" 3 --json submit w "add 1"
    json 'd["error"]["status"] == "PERSIST_EBUSY" and d["error"]["exit"] == 3'
    t "deploy while writing" 3 deploy w "$COUNTER"
    t "snapshot while writing" 3 snapshot w
    t "state of the hot backup" 0 state wbk
    has out '"count":'
    t "log of the hot backup" 0 --json log wbk
    json 'd["records"][0]["kind"] == "deploy_init" and len(d["records"]) >= 1'
    t "import the export made while writing" 0 import wex.json wim
    : >stop
    wait $wpid
    wrc=$?
    current="writer finished"
    [ $wrc -eq 0 ] && pass || fail "the writer failed: $(cat writer.err)"
    n=$(cat writer.out)
    t "head after the writer" 0 --json info w
    json "d['head'] == 1 + $n and d['record_count'] == 1 + $n"
    t "state after the writer" 0 state w
    out_is "{\"count\":$n}"
    t "submit after the writer" 0 submit w "add 1"
else
    ./tests/skip.sh cli-concurrent "no C compiler for the writer helper" "apt-get install build-essential"
fi

# ---- every status code of the header has its name in --json documents ----
current="status names"
for code in $(sed -n 's/^ *\(PERSIST_E[A-Z]*\) = -[0-9]*.*/\1/p' "$ROOT/include/persist.h"); do
    if grep -q "{$code, \"$code\"}" "$ROOT/tools/persist/output.c"; then pass; else fail "no name for $code"; fi
done

# ---- followers: query, export-since, bootstrap, apply, promote (docs/sync.md) ----
t "sync: leader" 0 deploy lead "$COUNTER"
t "sync: leader event" 0 submit lead "add 5"
t "sync: query" 0 query lead get
out_is "count is 5"
t "sync: query json" 0 --json query lead get
json 'd["response"] == "count is 5" and d["ok"] is True'
t "sync: a query that changes the state" 5 query lead "add 1"
has err "not a query"
has err "persist submit lead EVENT"
t "sync: the refused query wrote nothing" 0 state lead
out_is '{"count":5}'
t "sync: bootstrap" 0 bootstrap lead boot.pkg
has out "bootstrap package (the snapshot after record"
t "sync: bootstrap onto the store's data.mdb" 1 bootstrap lead lead/data.mdb
has err "lead/data.mdb is in the store's directory"
t "sync: export-since onto the store's writer lock" 1 export-since lead 0 lead/writer.lock
has err "nothing was written"
t "sync: the store is still there" 0 state lead
out_is '{"count":5}'
t "sync: bootstrap to a terminal-less stdout" 0 bootstrap lead -
cmp -s out boot.pkg && pass || { current="bootstrap -"; fail "stdout differs from boot.pkg"; }
t "sync: a follower from the package" 0 apply fol boot.pkg
t "sync: leader goes on" 0 submit lead "add 2"
t "sync: export-since 0" 0 --json export-since lead 0 all.batch
json 'd["first"] == 1 and d["last"] == 3 and d["bytes"] > 0'
t "sync: apply" 0 apply fol all.batch
has out "head is record 3"
t "sync: apply again changes nothing" 0 apply fol all.batch
has out "head is record 3"
t "sync: the follower's state" 0 state fol
out_is '{"count":7}'
t "sync: query on the follower" 0 query fol get
out_is "count is 7"
t "sync: info names the role" 0 info fol
has out "(a follower: it applies its leader's batches)"
t "sync: info json" 0 --json info fol
json 'd["follower"] is True and len(d["store_id"]) == 32'
t "sync: the follower refuses submits" 1 submit fol "add 1"
has err "persist promote fol"
t "sync: nothing after the head" 0 export-since lead 3 none.batch
has out "no records after 3; nothing written"
[ ! -e none.batch ] && pass || { current="nothing after the head"; fail "none.batch was written"; }
t "sync: leader again" 0 submit lead "add 10"
t "sync: a batch that starts too late" 0 export-since lead 3 late.batch
t "sync: a second follower" 0 apply fol2 boot.pkg
t "sync: gap refused" 8 apply fol2 late.batch
has err "sync batch does not follow"
t "sync: gap json" 8 --json apply fol2 late.batch
json 'd["error"]["status"] == "PERSIST_EGAP" and d["error"]["exit"] == 8'
t "sync: another store's batch" 0 deploy other "$COUNTER"
t "sync: another store's export" 0 export-since other 0 other.batch
t "sync: foreign refused" 8 apply fol other.batch
has err "comes from another store"
t "sync: a damaged batch" 0 export-since lead 3 dam.batch
"$PY" -c 'import sys; b = bytearray(open("dam.batch", "rb").read()); b[80] ^= 1; open("dam.batch", "wb").write(b)'
t "sync: damaged refused" 4 apply fol dam.batch
t "sync: --max-bytes" 0 --json export-since lead 0 small.batch --max-bytes 1
json 'd["first"] == 1 and d["last"] == 1'
t "sync: the binary batch is not written to a terminal-less json" 1 --json export-since lead 0 -
t "sync: promote" 0 promote fol
has out "promoted"
t "sync: the promoted follower writes" 0 submit fol "add 1"
out_is "count is 8"
t "sync: the old leader's batch is a fork" 8 apply fol late.batch
has err "history"
t "sync: the new leader's batch" 0 export-since fol 3 newer.batch
t "sync: the old leader cannot follow it" 8 apply lead newer.batch
has err "a promotion replaced"
t "sync: promote a writer" 0 promote lead
t "sync: record 0 is no record for response" 1 response lead 0

echo "cli: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
