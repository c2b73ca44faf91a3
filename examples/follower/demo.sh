#!/bin/sh
# examples/follower/demo.sh [--check] - a leader and two followers of one libpersist store,
# exchanging sync batches through a Redis stream, with the elm-counter app:
#   1. the leader takes events and ships them; follower A catches up, stops, catches up again;
#   2. follower B runs all along and answers queries while the leader writes;
#   3. the leader deploys version 2 with a migration, and the followers follow it; the stream is
#      trimmed to what the followers still need, and a new follower C starts from the bootstrap
#      package and the rest of the stream;
#   4. the leader is killed (kill -9); A is promoted and continues the sequence, B follows A;
#   5. the old leader comes back and writes: B refuses its batches as forked;
#   6. every instance's serialized state, hashed;
#   7. Redis refuses writes (maxmemory): the leader stops with Redis's error and ships nothing;
#   8. a follower stopped longer than its lease no longer pins the stream: the leader trims past it,
#      and when it comes back it reports the gap and is started again into an empty store;
#   9. an entry a follower cannot apply (another store's batch) stops it without moving its offset.
# Redis runs on 127.0.0.1 on a free port, in a temporary directory, and is stopped at the end, also
# on failure. --check: exit non-zero unless the outcome is the expected one (make check-follower).
# Environment: BUILD (default build): where persist-sync and persist are built.
set -u
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=${BUILD:-build}
case $BUILD in /*) ;; *) BUILD=$ROOT/$BUILD ;; esac
SYNC=$BUILD/examples/follower/persist-sync
PERSIST=$BUILD/persist
V1=$ROOT/examples/elm-counter/v1/compiled/main.dev.js
V2=$ROOT/examples/elm-counter/v2/compiled/main.dev.js
CHECK=0
[ "${1:-}" = --check ] && CHECK=1

for p in "$SYNC" "$PERSIST"; do
    [ -x "$p" ] || { echo "demo: $p is not built (make check-follower builds it)"; exit 1; }
done
command -v redis-server >/dev/null 2>&1 || { echo "demo: redis-server is not installed"; exit 1; }

T=$(mktemp -d "${TMPDIR:-/tmp}/persist-follower.XXXXXX") || exit 1
REDIS_PID="" LEADER_PID="" B_PID=""
cleanup() {
    exec 3>&- # the leader reads its FIFO: end of input lets it exit (SIGTERM does not stop its read)
    for pid in $LEADER_PID $B_PID $REDIS_PID; do kill "$pid" 2>/dev/null; done
    wait 2>/dev/null
    rm -rf "$T"
}
trap cleanup EXIT
trap 'exit 1' HUP INT TERM

# A free port: bind to port 0 and read what the kernel chose.
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
redis-server --port "$PORT" --bind 127.0.0.1 --dir "$T" --save "" --appendonly no \
    --daemonize no >"$T/redis.log" 2>&1 &
REDIS_PID=$!
i=0
until redis-cli -p "$PORT" ping >/dev/null 2>&1; do
    i=$((i + 1)); [ $i -gt 100 ] && { echo "demo: Redis did not start"; cat "$T/redis.log"; exit 1; }
    sleep 0.1
done
echo "== Redis on 127.0.0.1:$PORT"

# The leader reads its commands from a FIFO kept open by this script.
mkfifo "$T/leader.in"
start_leader() {
    "$SYNC" leader "$1" "$PORT" <"$T/leader.in" >>"$T/leader.out" 2>&1 &
    LEADER_PID=$!
    exec 3>"$T/leader.in"
}
say() { printf '%s\n' "$*" >&3; }
wait_out() { # wait_out FILE TEXT: until FILE has TEXT (10 s at most)
    i=0
    until grep -qF -- "$2" "$1" 2>/dev/null; do
        i=$((i + 1)); [ $i -gt 200 ] && { echo "demo: timed out waiting for '$2' in $1"; cat "$1"; exit 1; }
        sleep 0.05
    done
}
hash_of() { "$PERSIST" state "$1" 2>/dev/null | sha256sum | cut -c1-16; }

echo "== 1. the leader takes events and ships them"
start_leader "$T/leader"
say "deploy $V1 init"
n=1
while [ $n -le 20 ]; do say "id req-$n add $n"; n=$((n + 1)); done
say "id req-20 add 20"
wait_out "$T/leader.out" "add 20 -> count=210 (duplicate)"
tail -n 3 "$T/leader.out"
"$SYNC" follower "$T/a" "$PORT" a --once >"$T/a.out" 2>&1 || { cat "$T/a.out"; exit 1; }
echo "follower A caught up: $(tail -n 1 "$T/a.out")"
while [ $n -le 40 ]; do say "event add 1"; n=$((n + 1)); done
wait_out "$T/leader.out" "add 1 -> count=230"
"$SYNC" follower "$T/a" "$PORT" a --once >>"$T/a.out" 2>&1 || { cat "$T/a.out"; exit 1; }
echo "follower A, stopped meanwhile, caught up again: $(tail -n 1 "$T/a.out")"

echo "== 2. follower B follows all along and answers queries while the leader writes"
"$SYNC" follower "$T/b" "$PORT" b >"$T/b.out" 2>&1 &
B_PID=$!
wait_out "$T/b.out" "applied up to record 41"
say "event add 5"
wait_out "$T/b.out" "applied up to record 42"
echo "query 'get' on B: $("$SYNC" query "$T/b" get)"

echo "== 3. the leader deploys version 2 with a migration; the followers follow"
say "deploy $V2 migrate"
say "event add 1"
wait_out "$T/b.out" "applied up to record 44"
echo "query 'get' on B: $("$SYNC" query "$T/b" get)"

echo "== 3b. the stream holds only what a follower still needs; a new follower C starts from it"
entries=$(redis-cli -p "$PORT" XLEN persist:stream)
shipped=$(grep -c "^leader: shipped" "$T/leader.out")
echo "the leader shipped $shipped stream entries; $entries are left: $(grep "trimmed" "$T/leader.out" | tail -n 1)"
"$SYNC" follower "$T/c" "$PORT" c --once >"$T/c.out" 2>&1 || { cat "$T/c.out"; exit 1; }
head -n 1 "$T/c.out"
qc=$("$SYNC" query "$T/c" get); qb=$("$SYNC" query "$T/b" get)
echo "query 'get' on C: $qc"
if [ $CHECK -eq 1 ]; then
    [ "$entries" -lt "$shipped" ] || { echo "demo: FAIL: the stream was not trimmed"; exit 1; }
    [ "$qc" = "$qb" ] || { echo "demo: FAIL: C ($qc) and B ($qb) differ"; exit 1; }
fi

echo "== 4. the leader is killed; A is promoted and continues; B follows A"
kill -9 "$LEADER_PID"
wait "$LEADER_PID" 2>/dev/null
exec 3>&-
"$SYNC" follower "$T/a" "$PORT" a --once >>"$T/a.out" 2>&1 || { cat "$T/a.out"; exit 1; }
# With A's port and name, promote also deletes A's offset key: the writer needs none.
[ "$(redis-cli -p "$PORT" EXISTS persist:offset:a)" = 1 ] || { echo "demo: A has no offset key"; exit 1; }
"$SYNC" promote "$T/a" "$PORT" a
if [ $CHECK -eq 1 ] && [ "$(redis-cli -p "$PORT" EXISTS persist:offset:a)" != 0 ]; then
    echo "demo: FAIL: A's offset key is still there after its promotion"
    exit 1
fi
: >"$T/leader.out"
start_leader "$T/a"
say "id req-5 add 5"
say "event add 100"
wait_out "$T/leader.out" "add 100 -> count=336"
echo "A answers the retried request req-5 with the response it gave first: $(head -n 1 "$T/leader.out")"
wait_out "$T/b.out" "applied up to record 45"
echo "query 'get' on B: $("$SYNC" query "$T/b" get)"
say "quit"
wait "$LEADER_PID" 2>/dev/null
exec 3>&-

echo "== 5. the old leader comes back and writes: B refuses its batches"
: >"$T/leader.out"
start_leader "$T/leader"
say "event add 7"
wait_out "$T/leader.out" "shipped"
wait_out "$T/b.out" "refused a batch"
grep "refused" "$T/b.out" | head -n 1
say "quit"
wait "$LEADER_PID" 2>/dev/null
LEADER_PID=""
exec 3>&-
kill "$B_PID"
wait "$B_PID" 2>/dev/null
B_PID=""

echo "== 6. serialized states"
ha=$(hash_of "$T/a"); hb=$(hash_of "$T/b"); hl=$(hash_of "$T/leader")
echo "new leader A:   $ha  $("$PERSIST" state "$T/a" 2>/dev/null)"
echo "follower B:     $hb  $("$PERSIST" state "$T/b" 2>/dev/null)"
echo "old leader:     $hl  $("$PERSIST" state "$T/leader" 2>/dev/null)  (forked: it wrote after A took over)"
if [ $CHECK -eq 1 ]; then
    [ "$ha" = "$hb" ] || { echo "demo: FAIL: A and B differ"; exit 1; }
    [ "$ha" != "$hl" ] || { echo "demo: FAIL: the old leader's extra event is missing"; exit 1; }
    "$PERSIST" state "$T/a" 2>/dev/null | grep -q '336' || { echo "demo: FAIL: A's state"; exit 1; }
fi

echo "== 7. Redis refuses writes: the leader stops, and ships nothing past the gap"
redis-cli -p "$PORT" CONFIG SET maxmemory-policy noeviction >/dev/null
redis-cli -p "$PORT" CONFIG SET maxmemory 1 >/dev/null
last=$(redis-cli -p "$PORT" XREVRANGE persist:stream + - COUNT 1 | head -n 1)
: >"$T/leader.out"
start_leader "$T/a"
say "event add 1"
say "event add 2"
exec 3>&- # end of input: a leader that did not stop exits now
wait "$LEADER_PID"; status=$?
LEADER_PID=""
grep "persist-sync" "$T/leader.out" | head -n 1
redis-cli -p "$PORT" CONFIG SET maxmemory 0 >/dev/null
if [ $CHECK -eq 1 ]; then
    [ $status -ne 0 ] || { echo "demo: FAIL: the leader went on after Redis refused"; cat "$T/leader.out"; exit 1; }
    grep -q "^persist-sync: .*: OOM command not allowed" "$T/leader.out" || { echo "demo: FAIL: no error"; cat "$T/leader.out"; exit 1; }
    [ "$(redis-cli -p "$PORT" XREVRANGE persist:stream + - COUNT 1 | head -n 1)" = "$last" ] ||
        { echo "demo: FAIL: the stream changed"; exit 1; }
fi

echo "== 8. a follower stopped past its lease pins nothing; back, it finds the gap and starts again"
# A leads now (its key went with its promotion) and B and C are retired: their offset keys go, as
# their leases would end them.
redis-cli -p "$PORT" DEL persist:offset:b persist:offset:c >/dev/null
"$SYNC" follower "$T/d" "$PORT" d --once --lease 1 >"$T/d.out" 2>&1 || { cat "$T/d.out"; exit 1; }
dhead=$("$PERSIST" info "$T/d" | awk '$1 == "head" { print $2 }')
echo "follower D (lease 1 s) caught up to record $dhead and stopped"
i=0
until [ "$(redis-cli -p "$PORT" EXISTS persist:offset:d)" = 0 ]; do
    i=$((i + 1)); [ $i -gt 100 ] && { echo "demo: D's offset key did not expire"; exit 1; }
    sleep 0.1
done
: >"$T/leader.out"
start_leader "$T/a"
n=1
while [ $n -le 12 ]; do say "event add 1"; n=$((n + 1)); done
say "quit"
exec 3>&-
wait "$LEADER_PID"
LEADER_PID=""
first=$(redis-cli -p "$PORT" XRANGE persist:stream - + COUNT 1 | awk 'f { print; exit } $0 == "after" { f = 1 }')
echo "its key expired; 12 events later the stream starts after record $first"
"$SYNC" follower "$T/d" "$PORT" d --once --lease 1 >>"$T/d.out" 2>&1; dstatus=$?
grep "start it again" "$T/d.out" | head -n 1
rm -rf "$T/d"
"$SYNC" follower "$T/d" "$PORT" d --once >>"$T/d.out" 2>&1 || { cat "$T/d.out"; exit 1; }
qd=$("$SYNC" query "$T/d" get); qa=$("$SYNC" query "$T/a" get)
echo "D started again into an empty store: query 'get' on D: $qd"
if [ $CHECK -eq 1 ]; then
    if ! { [ -n "$dhead" ] && [ -n "$first" ] && [ "$first" -gt "$dhead" ]; }; then
        echo "demo: FAIL: the stream still holds what D needed (D at $dhead, the stream after $first)"; exit 1
    fi
    [ $dstatus -ne 0 ] || { echo "demo: FAIL: D went on past the gap"; cat "$T/d.out"; exit 1; }
    grep -q "no longer holds the records this store needs" "$T/d.out" || { echo "demo: FAIL: D's message"; cat "$T/d.out"; exit 1; }
    [ "$qd" = "$qa" ] || { echo "demo: FAIL: D ($qd) and A ($qa) differ"; exit 1; }
fi

echo "== 9. an entry the follower cannot apply stops it where it was; without the entry it goes on"
if ! { "$PERSIST" deploy "$T/other" "$V1" && "$PERSIST" export-since "$T/other" 0 "$T/other.bin"; } >/dev/null 2>&1; then
    echo "demo: cannot make another store's batch"; exit 1
fi
before=$(redis-cli -p "$PORT" GET persist:offset:d)
bad=$(redis-cli -p "$PORT" -x XADD persist:stream '*' after 0 last 1 data <"$T/other.bin")
"$SYNC" follower "$T/d" "$PORT" d --once >"$T/d9.out" 2>&1; dstatus=$?
head -n 1 "$T/d9.out"
after=$(redis-cli -p "$PORT" GET persist:offset:d)
redis-cli -p "$PORT" XDEL persist:stream "$bad" >/dev/null
"$SYNC" follower "$T/d" "$PORT" d --once >>"$T/d9.out" 2>&1; d2status=$?
echo "D stopped at entry $after (it was at $before); with the entry gone it ran again: status $d2status"
if [ $CHECK -eq 1 ]; then
    [ $dstatus -ne 0 ] || { echo "demo: FAIL: D applied another store's batch"; cat "$T/d9.out"; exit 1; }
    grep -q "another store" "$T/d9.out" || { echo "demo: FAIL: D's message"; cat "$T/d9.out"; exit 1; }
    [ "$after" = "$before" ] || { echo "demo: FAIL: D's offset moved past the entry it refused ($before, now $after)"; exit 1; }
    [ $d2status -eq 0 ] || { echo "demo: FAIL: D did not go on"; cat "$T/d9.out"; exit 1; }
    echo "demo: ok"
fi
