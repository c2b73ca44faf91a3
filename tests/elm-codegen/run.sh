#!/bin/sh
# tests/elm-codegen/run.sh BIN - persist-elm-codegen's tests: golden modules compared byte for byte,
# every error with its file:line:column message and exit code, --check, determinism, refusals.
set -u
BIN=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
HERE=$(cd "$(dirname "$0")" && pwd)
TMP=$(mktemp -d "${TMPDIR:-/tmp}/elm-codegen-test.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
passed=0 failed=0

ok() { passed=$((passed + 1)); }
bad() { failed=$((failed + 1)); echo "FAIL: $*"; }

# expect_rc NAME WANT GOT
expect_rc() {
    if [ "$3" = "$2" ]; then ok; else bad "$1: exit status $3, expected $2"; fi
}

# Golden: the generated files equal expected/ byte for byte.
golden() { # NAME ARGS...
    name=$1; shift
    out="$TMP/golden-$name"
    (cd "$HERE/$name" && "$BIN" "$@" --output-dir "$out" >"$TMP/stdout" 2>"$TMP/stderr")
    expect_rc "$name" 0 $?
    if diff -r "$HERE/$name/expected" "$out" >"$TMP/diff"; then ok; else
        bad "$name: generated files differ from expected/:"; cat "$TMP/diff"; fi
}

golden all-types
golden migration --previous previous

# Every error: the exit status and the exact message.
for dir in "$HERE"/errors/*/; do
    name=errors/$(basename "$dir")
    (cd "$dir" && "$BIN" --output-dir "$TMP/unused" >/dev/null 2>"$TMP/stderr")
    rc=$?
    { echo "exit $rc"; cat "$TMP/stderr"; } >"$TMP/got"
    if cmp -s "$dir/expected" "$TMP/got"; then ok; else
        bad "$name:"; diff "$dir/expected" "$TMP/got"; fi
    [ ! -e "$TMP/unused" ] && ok || bad "$name: wrote something despite the error"
done

# Determinism: the same input gives byte-identical output, and --state naming the same type too.
A="$HERE/all-types"
(cd "$A" && "$BIN" --output-dir "$TMP/det1" >/dev/null && "$BIN" --output-dir "$TMP/det2" >/dev/null \
    && "$BIN" --state Backend.State.State --output-dir "$TMP/det3" >/dev/null)
expect_rc determinism 0 $?
cmp -s "$TMP/det1/Generated/Persist.elm" "$TMP/det2/Generated/Persist.elm" && ok || bad "two runs differ"
cmp -s "$TMP/det1/Generated/Persist.elm" "$TMP/det3/Generated/Persist.elm" && ok ||
    bad "--state Backend.State.State gives another module"

# --check: 0 when up to date; 1 with a message when different or missing; never writes.
F="$TMP/det1/Generated/Persist.elm"
(cd "$A" && "$BIN" --check --output-dir "$TMP/det1" >/dev/null 2>&1)
expect_rc "--check up to date" 0 $?
printf ' ' >>"$F"
(cd "$A" && "$BIN" --check --output-dir "$TMP/det1" >/dev/null 2>"$TMP/stderr")
expect_rc "--check stale" 1 $?
grep -q "Persist.elm is out of date" "$TMP/stderr" && ok || bad "--check stale message: $(cat "$TMP/stderr")"
[ "$(tail -c 1 "$F")" = " " ] && ok || bad "--check rewrote the file"
rm "$F"
(cd "$A" && "$BIN" --check --output-dir "$TMP/det1" >/dev/null 2>"$TMP/stderr")
expect_rc "--check missing" 1 $?
grep -q "Persist.elm is missing" "$TMP/stderr" && ok || bad "--check missing message: $(cat "$TMP/stderr")"
[ ! -e "$F" ] && ok || bad "--check wrote the missing file"

# A file of the same name that the tool did not write is never overwritten.
printf 'module Generated.Persist exposing (..)\n' >"$F"
(cd "$A" && "$BIN" --output-dir "$TMP/det1" >/dev/null 2>"$TMP/stderr")
expect_rc "foreign file" 4 $?
grep -q "was not written by persist-elm-codegen" "$TMP/stderr" && ok || bad "foreign file message"
[ "$(cat "$F")" = "module Generated.Persist exposing (..)" ] && ok || bad "foreign file overwritten"

# The migration module is written once, then left to its author; the other two are regenerated.
M="$TMP/mig"
(cd "$HERE/migration" && "$BIN" --previous previous --output-dir "$M" >/dev/null)
echo "-- edited" >>"$M/Migrate.elm"
(cd "$HERE/migration" && "$BIN" --previous previous --output-dir "$M" >"$TMP/stdout")
expect_rc "migration rerun" 0 $?
tail -n 1 "$M/Migrate.elm" | grep -q -- "-- edited" && ok || bad "the edited migration was overwritten"
grep -q "kept .*Migrate.elm" "$TMP/stdout" && ok || bad "no 'kept' notice: $(cat "$TMP/stdout")"
(cd "$HERE/migration" && "$BIN" --previous previous --check --output-dir "$M" >/dev/null)
expect_rc "migration --check" 0 $?

# Deep input is refused with a message, not a crash: a type nested 100,000 levels deep, and chains
# of 100,000 aliases and of 100,000 custom types, each inside the next (all three overflowed the
# stack: exit 139).
deep() { # NAME KIND: writes $TMP/deep-NAME, runs the tool there, expects exit 3 and MESSAGE
    d="$TMP/deep-$1"
    mkdir -p "$d/src/Backend"
    cp "$A/elm.json" "$d/"
    printf 'module Backend.Main exposing (main)\n\nimport Backend.State exposing (State)\n\n\n%s\n%s\n' \
        'interfaceToHost_processEvent : String -> State -> ( State, String )' \
        'interfaceToHost_processEvent event state = ( state, event )' >"$d/src/Backend/Main.elm"
    awk -v kind="$2" -v n=100000 'BEGIN {
        print "module Backend.State exposing (..)\n"
        if (kind == "nested") {
            s = "type alias State = { a : "
            for (i = 0; i < n; i++) s = s "List ("
            s = s "Int"
            for (i = 0; i < n; i++) s = s ")"
            print s " }"
        } else if (kind == "aliases") {
            print "type alias State = A0\n"
            for (i = 0; i < n; i++) print "type alias A" i " = { x : A" i + 1 " }\n"
            print "type alias A" n " = Int"
        } else {
            print "type alias State = C0\n"
            for (i = 0; i < n; i++) print "type C" i " = K" i " C" i + 1 "\n"
            print "type C" n " = End"
        }
    }' >"$d/src/Backend/State.elm"
    (cd "$d" && "$BIN" --output-dir "$TMP/unused" >/dev/null 2>"$TMP/stderr")
    expect_rc "deep $1" 3 $?
    grep -q "$3" "$TMP/stderr" && ok || bad "deep $1 message: $(head -c 300 "$TMP/stderr")"
}
deep type nested "State.elm:3:.*: this type nests more than 200 levels deep"
deep aliases aliases "A99: the state's types nest more than 100 named types deep"
deep custom customs "C99: the state's types nest more than 100 named types deep"

# A NUL byte outside strings and comments is an unexpected character (the lexer took it for a
# punctuation token past the end of its table).
d="$TMP/nul"
mkdir -p "$d/src/Backend" && cp "$TMP/deep-type/elm.json" "$TMP/deep-type/src/Backend/Main.elm" "$d/" &&
    mv "$d/Main.elm" "$d/src/Backend/"
printf 'module Backend.State exposing (..)\n\n\ntype alias State =\n    { count : Int }\n\000\n' \
    >"$d/src/Backend/State.elm"
(cd "$d" && "$BIN" --output-dir "$TMP/unused" >/dev/null 2>"$TMP/stderr")
expect_rc "NUL byte" 3 $?
grep -q "State.elm:6:1: unexpected character '?' (0x00)" "$TMP/stderr" && ok ||
    bad "NUL byte message: $(cat "$TMP/stderr")"

# Usage errors (2), file and elm.json problems (4), --help and --version (0).
"$BIN" --no-such-option >/dev/null 2>&1; expect_rc "unknown option" 2 $?
"$BIN" --module generated.persist "$A" >/dev/null 2>&1; expect_rc "bad module name" 2 $?
"$BIN" --module Migrate "$A" >/dev/null 2>&1; expect_rc "module name clash" 2 $?
"$BIN" "$A" "$A" >/dev/null 2>&1; expect_rc "two directories" 2 $?
"$BIN" "$TMP/nowhere" >/dev/null 2>"$TMP/stderr"; expect_rc "no elm.json" 4 $?
grep -q "nowhere/elm.json" "$TMP/stderr" && ok || bad "no elm.json message: $(cat "$TMP/stderr")"
"$BIN" --main Backend.Other "$A/elm.json" >/dev/null 2>"$TMP/stderr"; expect_rc "no main module" 3 $?
"$BIN" --help | grep -q -- "--previous DIR" && ok || bad "--help"
"$BIN" --version | grep -q "^persist-elm-codegen [0-9]" && ok || bad "--version"

# Every committed app's generated modules are what the tool writes from its sources now (the
# compiled fixtures are built from them; tests/elm/build-fixtures.sh).
ROOT=$(cd "$HERE/../.." && pwd)
for app in "examples/elm-counter/v1" "examples/elm-counter/v2 --previous ../v1" \
    "examples/game-server/rules/v1" "examples/game-server/rules/v2 --previous ../v1"; do
    # shellcheck disable=SC2086 # the options after the directory are meant to split
    set -- $app
    dir=$1; shift
    (cd "$ROOT/$dir" && "$BIN" --check "$@" >"$TMP/stdout" 2>&1)
    rc=$?
    if [ $rc -eq 0 ]; then ok; else bad "$dir: --check $*: exit $rc: $(cat "$TMP/stdout")"; fi
done

echo "elm-codegen: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
