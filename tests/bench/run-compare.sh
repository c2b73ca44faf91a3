#!/bin/sh
# tests/bench/run-compare.sh BUILD BASELINE CACHE - issue 14's tables: libpersist 1.0 (BASELINE,
# its build directory: libpersist.so.1 and duktape/duktape.o; made by build-baseline.sh) against
# the current library (BUILD) in the same run, on the counter (examples/counter/counter.js and
# examples/elm-counter), the game rules (examples/game-server/rules/v1) and elm-analyse (from npm,
# in CACHE). Prints markdown tables; every program's output line goes to BUILD/bench/compare-raw.txt
# with its command. Baseline and current runs alternate, REPEAT times (default 3); tables give the
# median and the range. SECTIONS selects sections (default: all): engine storage modes alternatives
# restore load footprint targets. BENCH_FULL=1 restores up to a million records (default 100,000).
# NO_CALLGRIND=1 skips the instruction counts. RAW=FILE writes the raw figures there instead. Without node the Node.js rows skip, without CACHE's
# workloads elm-analyse's, without BASELINE the 1.0 columns.
set -eu
build=$1 baseline=$2 cache=$3
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
bin=$build/bench
wl=$here/workloads
repeat=${REPEAT:-3}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/persist-compare.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
raw=${RAW:-$bin/compare-raw.txt}
: >"$raw"
store=$tmp/store
counter_js=$root/examples/counter/counter.js
elm_counter=$root/examples/elm-counter/v1/compiled
game=$root/examples/game-server/rules/v1/compiled
parse_src=$root/tests/elm-codegen/all-types/src/Game/Types.elm
libs=cur
if [ -f "$baseline/libpersist.so.1" ] && [ -x "$bin/v1.0/bench_engine" ]; then
    libs="1.0 cur"
else
    echo "(no libpersist 1.0 build in $baseline: current library only)"
fi
have_node=0
command -v node >/dev/null 2>&1 && have_node=1
printf 'add 1\n' >"$tmp/counter.ev"
"$bin/game_events" 20000 >"$tmp/game.ev"
game_setup=33 # the board and 32 joins

section() { case " ${SECTIONS:-engine storage modes alternatives restore load footprint targets} " in *" $1 "*) return 0 ;; esac; return 1; }

# run LIB OUT COMMAND...: runs COMMAND against library LIB (1.0 or cur), appends its output line to
# OUT and, with the command, to the raw file.
run() {
    lib=$1 out=$2
    shift 2
    if [ "$lib" = 1.0 ]; then
        LD_LIBRARY_PATH=$baseline "$@" >"$tmp/line" 2>"$tmp/err" || { cat "$tmp/err" >&2; exit 1; }
    else
        "$@" >"$tmp/line" 2>"$tmp/err" || { cat "$tmp/err" >&2; exit 1; }
    fi
    printf '%s: %s\n  %s\n' "$lib" "$*" "$(cat "$tmp/line")" >>"$raw"
    cat "$tmp/line" >>"$out"
}

# stats FILE FIELD: "median min max" of FIELD over FILE's lines (key=value words).
stats() {
    awk -v k="$2" '{ for (i = 1; i <= NF; i++) { j = index($i, "="); if (j && substr($i, 1, j - 1) == k) print substr($i, j + 1) } }' "$1" |
        sort -g | awk '{ v[NR] = $1 } END { if (NR) print v[int((NR + 1) / 2)], v[1], v[NR]; else print "- - -" }'
}
med() { stats "$1" "$2" | cut -d' ' -f1; }
rng() { stats "$1" "$2" | awk '{ print ($2 == $3) ? $2 : $2 "-" $3 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a + 0 > 0 && b + 0 > 0) printf "%.2f", a / b; else printf "-" }'; }
eng() { [ "$1" = 1.0 ] && echo "$bin/v1.0/bench_engine" || echo "$bin/base/bench_engine"; }
res() { echo "$tmp/$1.$2"; } # results file of a measurement and a library
# loaded LIB CODE AOPTS: the code bench_engine runs for LIB: for the current library, Elm code as the
# library loads it, its calls made direct (lib/elm_calls.c, through build/bench/elm_calls); as it is
# for 1.0, and for a workload that bench_app deploys as a plain JavaScript app (AOPTS has -x).
loaded() {
    case " $3 " in *" -x "*) echo "$2"; return ;; esac
    [ "$1" != 1.0 ] && [ -x "$bin/elm_calls" ] || { echo "$2"; return; }
    out=$tmp/loaded.$(echo "$2" | cksum | cut -d' ' -f1).js
    [ -f "$out" ] || "$bin/elm_calls" "$2" "$out" >/dev/null || cp "$2" "$out"
    echo "$out"
}

# callgrind LIB TOGGLE UNITS COMMAND...: instructions per unit inside TOGGLE.
callgrind() {
    lib=$1 toggle=$2 units=$3
    shift 3
    if [ "$lib" = 1.0 ]; then
        LD_LIBRARY_PATH=$baseline valgrind --tool=callgrind --dump-instr=no \
            --toggle-collect="$toggle" --callgrind-out-file="$tmp/cg.out" "$@" >/dev/null 2>"$tmp/cg.err"
    else
        valgrind --tool=callgrind --dump-instr=no --toggle-collect="$toggle" \
            --callgrind-out-file="$tmp/cg.out" "$@" >/dev/null 2>"$tmp/cg.err"
    fi || { cat "$tmp/cg.err" >&2; exit 1; }
    ir=$(sed -n 's/.*Collected : *\([0-9]*\).*/\1/p' "$tmp/cg.err")
    printf '%s: callgrind %s\n  Ir=%s units=%s\n' "$lib" "$*" "$ir" "$units" >>"$raw"
    echo $((ir / units))
}

# incl FILE FUNCTION: FUNCTION's inclusive instructions in callgrind's FILE (0 when absent).
incl() {
    callgrind_annotate --inclusive=yes "$1" 2>/dev/null |
        awk -v f="$2" '{ for (i = 2; i <= NF; i++) { n = split($i, p, ":"); if (p[n] == f) { gsub(",", "", $1); print $1; exit } } }
            END { }' | { read -r v || v=0; echo "${v:-0}"; }
}

# The engine workloads: name | code | engine expose | driver | data (events) | setup (warm-up) |
# CPU units | callgrind units | bench_app options | bench_app events.
workloads() {
    cat <<LIST
counter-js|$counter_js||$wl/app-events.driver.js|$tmp/counter.ev|100|20000|2000||$tmp/counter.ev
counter-opt|$elm_counter/main.optimize.js|$wl/elm-main.expose.js|$wl/elm-events.driver.js|$tmp/counter.ev|100|20000|2000||$tmp/counter.ev
counter-dev|$elm_counter/main.dev.js|$wl/elm-main.expose.js|$wl/elm-events.driver.js|$tmp/counter.ev|100|20000|2000||$tmp/counter.ev
game-opt|$game/main.optimize.js|$wl/elm-main.expose.js|$wl/elm-events.driver.js|$tmp/game.ev|133|2000|1000|-w $game_setup|$tmp/game.ev
game-dev|$game/main.dev.js|$wl/elm-main.expose.js|$wl/elm-events.driver.js|$tmp/game.ev|133|2000|1000|-w $game_setup|$tmp/game.ev
analyse|$cache/analyse.js|$wl/analyse.expose.js|$wl/analyse.driver.js|$parse_src|1|6|2|-f -x $wl/analyse.app.js|$parse_src
analyse-o2|$cache/analyse.o2.js|$wl/analyse.expose.js|$wl/analyse.driver.js|$parse_src|1|6|2|-f -x $wl/analyse.app.js|$parse_src
LIST
}

# ---- 1. the bare engine loop: 1.0's Duktape against today's ----------------------------------
if section engine || section targets; then
    echo
    echo "## The bare engine loop (bench_engine): one event of the app per unit, no library"
    echo
    echo "CPU time per unit (events/s = 1e6 / that), the median of $repeat runs alternating 1.0 and current;"
    echo "p50/p99: wall time of single units; Ir: instructions per unit under callgrind."
    echo
    echo "| workload | events/s 1.0 | events/s current | current/1.0 (range) | p50/p99 us 1.0 | p50/p99 us current | Ir/unit 1.0 | Ir/unit current | Ir 1.0/current | RSS peak KB 1.0 / current | results |"
    echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|"
    workloads | while IFS='|' read -r name code expose driver data warm cpu_n cg_n aopts _; do
        [ -f "$code" ] || { echo "| $name | SKIPPED: $code is missing (tests/bench/setup.sh) |"; continue; }
        x=
        [ -z "$expose" ] || x="-x $expose"
        r=0
        while [ "$r" -lt "$repeat" ]; do
            for lib in $libs; do
                # shellcheck disable=SC2086
                run "$lib" "$(res "engine-$name" "$lib")" "$(eng "$lib")" -p -n "$cpu_n" -w "$warm" $x "$(loaded "$lib" "$code" "$aopts")" "$driver" "$data"
            done
            r=$((r + 1))
        done
        for lib in $libs; do
            ir=-
            # shellcheck disable=SC2086
            [ "${NO_CALLGRIND:-0}" = 1 ] || ir=$(callgrind "$lib" run_units "$cg_n" "$(eng "$lib")" -n "$cg_n" -w "$warm" $x "$(loaded "$lib" "$code" "$aopts")" "$driver" "$data")
            echo "ir=$ir" >"$(res "engine-ir-$name" "$lib")"
        done
        b=$(res "engine-$name" 1.0) c=$(res "engine-$name" cur)
        [ -f "$b" ] || : >"$b"
        [ -f "$(res "engine-ir-$name" 1.0)" ] || echo "ir=-" >"$(res "engine-ir-$name" 1.0)"
        same=same
        [ "$(med "$b" check)" = "$(med "$c" check)" ] || same="DIFFER"
        awk -v name="$name" -v b="$(med "$b" cpu_us_per_unit)" -v c="$(med "$c" cpu_us_per_unit)" \
            -v bl="$(stats "$b" cpu_us_per_unit)" -v cl="$(stats "$c" cpu_us_per_unit)" \
            -v bp="$(med "$b" p50_us)/$(med "$b" p99_us)" -v cp="$(med "$c" p50_us)/$(med "$c" p99_us)" \
            -v bi="$(med "$(res "engine-ir-$name" 1.0)" ir)" -v ci="$(med "$(res "engine-ir-$name" cur)" ir)" \
            -v br="$(med "$b" rss_peak_kb)" -v cr="$(med "$c" rss_peak_kb)" -v same="$same" '
            function rate(us) { return (us > 0) ? sprintf((us > 10000) ? "%.1f" : "%.0f", 1e6 / us) : "-" }
            BEGIN {
                split(bl, x, " "); split(cl, y, " ");
                lo = (y[3] > 0) ? x[2] / y[3] : 0; hi = (y[2] > 0) ? x[3] / y[2] : 0;
                printf "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s / %s | %s |\n", name,
                    rate(b), rate(c),
                    (b > 0) ? sprintf("%.2f (%.2f-%.2f)", b / c, lo, hi) : "-", bp, cp, bi, ci,
                    (bi > 0 && ci > 0) ? sprintf("%.2f", bi / ci) : "-", br, cr, same }'
    done
fi

# ---- 2. what the storage allows ---------------------------------------------------------------
if section storage; then
    echo
    echo "## Storage without the library (bench_storage): 64-byte records, one per commit"
    echo
    "$bin/bench_storage" "$tmp/storage" 2000 | tee -a "$raw"
fi

# ---- 3. submit modes: durability, batches, threads --------------------------------------------
# mode | bench_app options | counter events | game events
modes() {
    cat <<LIST
sync, one event per call (persist_store_submit)|-b 1|1000|500
sync, batch of 10|-b 10|5000|1000
sync, batch of 100|-b 100|20000|3000
sync, batch of 1000|-b 1000|50000|5000
relaxed, one event per call|-r -b 1|20000|2000
relaxed, batch of 100|-r -b 100|50000|3000
sync, 2 threads, one event per call each|-b 1 -t 2|2000|1000
sync, 8 threads, one event per call each|-b 1 -t 8|2000|1000
LIST
}
if section modes; then
    for app in counter-js game-opt; do
        if [ "$app" = counter-js ]; then code=$counter_js ev=$tmp/counter.ev opts=; else code=$game/main.optimize.js ev=$tmp/game.ev opts="-w $game_setup"; fi
        echo
        echo "## Submit modes through the library (bench_app), $app"
        echo
        echo "events/s: wall clock; p50/p99: wall time of the call that carried an event (what its caller waits). Median of $repeat runs; ratios current/1.0 in the same run."
        echo
        echo "| mode | events | events/s 1.0 | events/s current (range) | current/1.0 | us/event current | p50/p99 us 1.0 | p50/p99 us current | events per commit 1.0 / current | CPU us/event 1.0 / current |"
        echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
        i=0
        modes | while IFS='|' read -r mode mopts n_counter n_game; do
            i=$((i + 1))
            n=$n_counter
            [ "$app" = counter-js ] || n=$n_game
            r=0
            while [ "$r" -lt "$repeat" ]; do
                for lib in $libs; do
                    # shellcheck disable=SC2086
                    run "$lib" "$(res "mode-$app-$i" "$lib")" "$bin/bench_app" -n "$n" $mopts $opts "$store" "$code" "$ev"
                done
                r=$((r + 1))
            done
            b=$(res "mode-$app-$i" 1.0) c=$(res "mode-$app-$i" cur)
            [ -f "$b" ] || : >"$b"
            printf '| %s | %s | %s | %s (%s) | %s | %s | %s/%s | %s/%s | %s / %s | %s / %s |\n' "$mode" "$n" \
                "$(med "$b" events_per_s)" "$(med "$c" events_per_s)" "$(rng "$c" events_per_s)" \
                "$(ratio "$(med "$c" events_per_s)" "$(med "$b" events_per_s)")" "$(med "$c" us_per_event)" \
                "$(med "$b" p50_us)" "$(med "$b" p99_us)" "$(med "$c" p50_us)" "$(med "$c" p99_us)" \
                "$(med "$b" events_per_commit)" "$(med "$c" events_per_commit)" \
                "$(med "$b" cpu_us_per_event)" "$(med "$c" cpu_us_per_event)"
        done
        echo
        # modes 1, 7 and 8: synced, one event per call, from 1, 2 and 8 threads
        for lib in $libs; do
            printf 'Group commit (%s): events/s with 2 threads / 1 thread = %s, 8 threads / 1 thread = %s\n' "$lib" \
                "$(ratio "$(med "$(res "mode-$app-7" "$lib")" events_per_s)" "$(med "$(res "mode-$app-1" "$lib")" events_per_s)")" \
                "$(ratio "$(med "$(res "mode-$app-8" "$lib")" events_per_s)" "$(med "$(res "mode-$app-1" "$lib")" events_per_s)")"
        done
        printf 'Refused events (must be 0): '
        cat "$tmp"/mode-"$app"-* | awk '{ for (i = 1; i <= NF; i++) if ($i ~ /^refused=/) s += substr($i, 9) } END { print s + 0 }'
        printf 'Bytes on disk per record (data.mdb blocks / head, batch of 100, current): '
        awk '{ for (i = 1; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] } } END { printf "%.0f\n", v["disk_kb"] * 1024 / v["head"] }' "$(res "mode-$app-3" cur)"
        if [ -f "$(res "mode-$app-3" 1.0)" ]; then
            printf 'The same with 1.0: '
            awk '{ for (i = 1; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] } } END { printf "%.0f\n", v["disk_kb"] * 1024 / v["head"] }' "$(res "mode-$app-3" 1.0)"
        fi
    done
fi

# ---- 4. what a user would build instead -------------------------------------------------------
if section alternatives; then
    echo
    echo "## The alternatives: the same app and events in Node.js (alt_node.js) and through the library"
    echo
    echo "| app | how | events | events/s | us/event | p50/p99 us | CPU us/event | restore of those events, ms |"
    echo "|---|---|---:|---:|---:|---:|---:|---:|"
    for app in counter-js game-opt; do
        if [ "$app" = counter-js ]; then code=$counter_js ev=$tmp/counter.ev setup=0 n=1000; else code=$game/main.optimize.js ev=$tmp/game.ev setup=$game_setup n=500; fi
        for how in lib-sync lib-relaxed node-log-sync node-log-nosync; do
            case $how in
            node-*) [ "$have_node" = 1 ] || { echo "| $app | $how | SKIPPED: no node |"; continue; } ;;
            esac
            f=$(res "alt-$app-$how" cur)
            r=0
            while [ "$r" -lt "$repeat" ]; do
                case $how in
                lib-sync) run cur "$f" "$bin/bench_app" -b 1 -n "$n" -w "$setup" "$store" "$code" "$ev" ;;
                lib-relaxed) run cur "$f" "$bin/bench_app" -r -b 1 -n "$n" -w "$setup" "$store" "$code" "$ev" ;;
                node-log-sync) run cur "$f" node "$here/alt_node.js" log-sync "$code" "$ev" "$n" "$store" "$setup" ;;
                node-log-nosync) run cur "$f" node "$here/alt_node.js" restore "$code" "$ev" "$n" "$store" "$setup" ;;
                esac
                r=$((r + 1))
            done
            restore=-
            case $how in
            lib-*)
                run cur "$(res "alt-$app-$how-open" cur)" "$bin/bench_open" -n $((n + setup)) "$store" "$code" "$ev"
                restore=$(med "$(res "alt-$app-$how-open" cur)" open_ms)
                ;;
            node-log-nosync) restore="$(med "$f" restore_ms) (node startup not counted)" ;;
            esac
            case $how in
            lib-sync) label="libpersist, synced submit (default)" ;;
            lib-relaxed) label="libpersist, relaxed submit" ;;
            node-log-sync) label="Node.js, event appended to a file + fdatasync" ;;
            *) label="Node.js, event appended to a file, no sync" ;;
            esac
            printf '| %s | %s | %s | %s (%s) | %s | %s/%s | %s | %s |\n' "$app" "$label" "$n" "$(med "$f" events_per_s)" \
                "$(rng "$f" events_per_s)" "$(med "$f" us_per_event)" "$(med "$f" p50_us)" "$(med "$f" p99_us)" \
                "$(med "$f" cpu_us_per_event)" "$restore"
        done
    done
    echo
    echo "### The whole state written after every event, by state size (a plain JavaScript app, workloads/blob.app.js)"
    echo
    echo "libpersist with snapshot_every = 1 (a snapshot after every event) against its default (1000), synced submits of one event; Node.js writing the state to a file, fdatasync and rename, after every event."
    echo
    echo "| state | events | 1.0, snapshot_every 1: events/s | current, snapshot_every 1: events/s | current/1.0 | current, default policy: events/s | Node.js, state file per event: events/s | p50/p99 us: 1.0 / current (every 1) |"
    echo "|---:|---:|---:|---:|---:|---:|---:|---:|"
    for size in 1024:400 102400:200 1048576:40; do
        bytes=${size%%:*} n=${size#*:}
        printf 'fill %s\nadd 1\n' "$bytes" >"$tmp/blob.ev"
        r=0
        while [ "$r" -lt "$repeat" ]; do
            for lib in $libs; do
                run "$lib" "$(res "blob1-$bytes" "$lib")" "$bin/bench_app" -b 1 -s 1 -n "$n" -w 1 "$store" "$wl/blob.app.js" "$tmp/blob.ev"
            done
            run cur "$(res "blobd-$bytes" cur)" "$bin/bench_app" -b 1 -n "$n" -w 1 "$store" "$wl/blob.app.js" "$tmp/blob.ev"
            [ "$have_node" = 0 ] || run cur "$(res "blobn-$bytes" cur)" node "$here/alt_node.js" state-sync "$wl/blob.app.js" "$tmp/blob.ev" "$n" "$store" 1
            r=$((r + 1))
        done
        b=$(res "blob1-$bytes" 1.0)
        [ -f "$b" ] || : >"$b"
        nf=$(res "blobn-$bytes" cur)
        [ -f "$nf" ] || echo "events_per_s=-" >"$nf"
        printf '| %s KB | %s | %s | %s (%s) | %s | %s | %s | %s/%s / %s/%s |\n' $((bytes / 1024)) "$n" "$(med "$b" events_per_s)" \
            "$(med "$(res "blob1-$bytes" cur)" events_per_s)" "$(rng "$(res "blob1-$bytes" cur)" events_per_s)" \
            "$(ratio "$(med "$(res "blob1-$bytes" cur)" events_per_s)" "$(med "$b" events_per_s)")" \
            "$(med "$(res "blobd-$bytes" cur)" events_per_s)" "$(med "$nf" events_per_s)" \
            "$(med "$b" p50_us)" "$(med "$b" p99_us)" "$(med "$(res "blob1-$bytes" cur)" p50_us)" "$(med "$(res "blob1-$bytes" cur)" p99_us)"
    done
fi

# ---- 5. restore and open ----------------------------------------------------------------------
if section restore; then
    echo
    echo "## Restore: opening a store by the records since its newest snapshot (bench_open)"
    echo
    echo "open: median of 3 opens (1 for a million records) that write nothing (fastest-slowest); then two opens with the default policy (snapshot_every 1000): since 1.1 the first writes a snapshot at the head after a long replay."
    echo
    echo "| app | records replayed | open ms 1.0 | open ms current | current/1.0 | us/record current | 1st default open ms 1.0 / current | 2nd default open ms 1.0 / current |"
    echo "|---|---:|---:|---:|---:|---:|---:|---:|"
    full=100000
    [ "${BENCH_FULL:-0}" != 1 ] || full=1000000
    for spec in "counter-js 100 1000 10000 100000 1000000" "game-opt 100 1000 10000"; do
        set -- $spec
        app=$1
        shift
        if [ "$app" = counter-js ]; then code=$counter_js ev=$tmp/counter.ev; else code=$game/main.optimize.js ev=$tmp/game.ev; fi
        for n in "$@"; do
            [ "$n" -le "$full" ] || continue
            reps=3
            [ "$n" -lt 1000000 ] || reps=1
            for lib in $libs; do
                run "$lib" "$(res "restore-$app-$n" "$lib")" "$bin/bench_open" -n "$n" -r "$reps" "$store" "$code" "$ev"
            done
            b=$(res "restore-$app-$n" 1.0) c=$(res "restore-$app-$n" cur)
            [ -f "$b" ] || : >"$b"
            printf '| %s | %s | %s | %s (%s-%s) | %s | %s | %s / %s | %s / %s |\n' "$app" "$(med "$c" replayed)" "$(med "$b" open_ms)" \
                "$(med "$c" open_ms)" "$(med "$c" open_min_ms)" "$(med "$c" open_max_ms)" \
                "$(ratio "$(med "$c" open_ms)" "$(med "$b" open_ms)")" \
                "$(awk -v o="$(med "$c" open_ms)" -v n="$n" 'BEGIN { printf "%.2f", o * 1000 / n }')" \
                "$(med "$b" first_default_open_ms)" "$(med "$c" first_default_open_ms)" \
                "$(med "$b" second_default_open_ms)" "$(med "$c" second_default_open_ms)"
        done
    done
    echo
    echo "### By the state's size (workloads/blob.app.js: a snapshot at the head, nothing to replay)"
    echo
    echo "| state | open ms 1.0 | open ms current (range) | current/1.0 |"
    echo "|---:|---:|---:|---:|"
    for bytes in 1024 102400 1048576 10485760; do
        printf 'fill %s\n' "$bytes" >"$tmp/blob.ev"
        for lib in $libs; do
            run "$lib" "$(res "size-$bytes" "$lib")" "$bin/bench_open" -n 1 -s -r 3 "$store" "$wl/blob.app.js" "$tmp/blob.ev"
        done
        b=$(res "size-$bytes" 1.0) c=$(res "size-$bytes" cur)
        [ -f "$b" ] || : >"$b"
        printf '| %s KB | %s | %s (%s-%s) | %s |\n' "$(med "$c" state_kb)" "$(med "$b" open_ms)" "$(med "$c" open_ms)" \
            "$(med "$c" open_min_ms)" "$(med "$c" open_max_ms)" "$(ratio "$(med "$c" open_ms)" "$(med "$b" open_ms)")"
    done
fi

# ---- 5b. what loading the app's code costs, and what a bytecode cache would ----------------------
if section load; then
    lr=${LOAD_REPEAT:-9}
    echo
    echo "## Loading the app's code: compile against a bytecode round trip (bench_engine -c $lr, current Duktape)"
    echo
    echo "In a bare heap built as the library builds it. CPU ms: in each run the median of $lr fresh heaps; the table gives the median of $repeat runs (and the range of the runs' medians). compile: duk_pcompile of the whole file; top level: running the compiled program once (it defines the app's functions); load: duk_load_function of the dumped program; run loaded: its top level. Ir: each step's instructions under callgrind (one heap; deterministic). 'same results': the app's events run on the heap loaded from bytecode give the results they give on a compiled one."
    echo
    echo "| app | code KB | bytecode KB | compile ms | top level ms | compile + top level ms | load bytecode ms | run loaded ms | load + run ms | speed-up (CPU) | compile Ir | top level Ir | load Ir | run loaded Ir | speed-up (Ir) | same results |"
    echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|"
    for spec in "counter-opt|$elm_counter/main.optimize.js|$wl/elm-main.expose.js|$wl/elm-events.driver.js|$tmp/counter.ev" \
        "game-opt|$game/main.optimize.js|$wl/elm-main.expose.js|$wl/elm-events.driver.js|$tmp/game.ev" \
        "game-dev|$game/main.dev.js|$wl/elm-main.expose.js|$wl/elm-events.driver.js|$tmp/game.ev" \
        "analyse|$cache/analyse.js|$wl/analyse.expose.js|$wl/analyse.driver.js|$parse_src"; do
        IFS='|' read -r name code expose driver data <<SPEC
$spec
SPEC
        [ -f "$code" ] || { echo "| $name | SKIPPED: $code is missing |"; continue; }
        f=$(res "load-$name" cur)
        r=0
        while [ "$r" -lt "$repeat" ]; do
            run cur "$f" "$(eng cur)" -c "$lr" -n 1 -w 0 -x "$expose" "$code" "$driver" "$data"
            r=$((r + 1))
        done
        run cur "$(res "load-plain-$name" cur)" "$(eng cur)" -n 1 -w 0 -x "$expose" "$code" "$driver" "$data"
        ci=- ri=- li=- rli=- irx=-
        if [ "${NO_CALLGRIND:-0}" != 1 ]; then
            valgrind --tool=callgrind --dump-instr=no --callgrind-out-file="$tmp/load.cg" \
                "$(eng cur)" -c 1 -n 1 -w 0 -x "$expose" "$code" "$driver" "$data" >/dev/null 2>"$tmp/cg.err" ||
                { cat "$tmp/cg.err" >&2; exit 1; }
            ci=$(incl "$tmp/load.cg" bench_compile) ri=$(incl "$tmp/load.cg" bench_run_top)
            li=$(incl "$tmp/load.cg" bench_load_bytecode) rli=$(incl "$tmp/load.cg" bench_run_loaded)
            irx=$(ratio $((ci + ri)) $((li + rli)))
            printf 'cur: callgrind %s -c 1 %s\n  compile_ir=%s run_top_ir=%s load_ir=%s run_loaded_ir=%s\n' \
                "$(eng cur)" "$code" "$ci" "$ri" "$li" "$rli" >>"$raw"
        fi
        same=same
        [ "$(med "$f" check)" = "$(med "$(res "load-plain-$name" cur)" check)" ] || same=DIFFER
        awk '{ for (i = 1; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
               print "a=" v["compile_ms"] + v["run_ms"], "b=" v["load_bytecode_ms"] + v["run_loaded_ms"] }' "$f" >"$f.sum"
        printf '| %s | %s | %s | %s (%s) | %s (%s) | %s | %s (%s) | %s (%s) | %s | %s | %s | %s | %s | %s | %s | %s |\n' \
            "$name" "$(med "$f" code_kb)" "$(med "$f" bytecode_kb)" "$(med "$f" compile_ms)" "$(rng "$f" compile_ms)" \
            "$(med "$f" run_ms)" "$(rng "$f" run_ms)" "$(med "$f.sum" a)" \
            "$(med "$f" load_bytecode_ms)" "$(rng "$f" load_bytecode_ms)" \
            "$(med "$f" run_loaded_ms)" "$(rng "$f" run_loaded_ms)" "$(med "$f.sum" b)" \
            "$(ratio "$(med "$f.sum" a)" "$(med "$f.sum" b)")" "$ci" "$ri" "$li" "$rli" "$irx" "$same"
    done
    echo
    echo "### Whole opens: a process's first open of the app (it compiles) against later ones (bytecode kept by the process, since 1.1)"
    echo
    echo "bench_open -s: a store whose snapshot is at the head, nothing to replay. 1.0 and 'current, cached': median of 5 opens in the process that wrote the store (1.0 compiles every time; the current library loads the bytecode it kept); 'current, first': the first open in a fresh process (bench_open -k), median of $repeat processes. Wall ms. compile Ir: duk_js_compile's instructions in those fresh processes (callgrind, the first open only compiles)."
    echo
    echo "| app | open ms 1.0 | open ms current, first in the process | open ms current, cached bytecode | cached / first | compile Ir of a first open |"
    echo "|---|---:|---:|---:|---:|---:|"
    for spec in "counter-opt|$elm_counter/main.optimize.js|100||$tmp/counter.ev" \
        "game-opt|$game/main.optimize.js|2000||$tmp/game.ev" \
        "game-dev|$game/main.dev.js|2000||$tmp/game.ev" \
        "analyse|$cache/analyse.js|0|-x $wl/analyse.app.js|$tmp/counter.ev"; do
        IFS='|' read -r name code n xo ev <<SPEC
$spec
SPEC
        [ -f "$code" ] || { echo "| $name | SKIPPED: $code is missing |"; continue; }
        for lib in $libs; do
            # shellcheck disable=SC2086
            run "$lib" "$(res "open-$name" "$lib")" "$bin/bench_open" -n "$n" -s -r 5 $xo "$store" "$code" "$ev"
        done
        r=0
        while [ "$r" -lt "$repeat" ]; do
            # shellcheck disable=SC2086
            run cur "$(res "open-cold-$name" cur)" "$bin/bench_open" -k -n "$n" -s -r 1 $xo "$store" "$code" "$ev"
            r=$((r + 1))
        done
        comp=-
        if [ "${NO_CALLGRIND:-0}" != 1 ]; then
            # shellcheck disable=SC2086
            valgrind --tool=callgrind --dump-instr=no --toggle-collect=timed_open --callgrind-out-file="$tmp/open.cg" \
                "$bin/bench_open" -k -n "$n" -s -r 1 $xo "$store" "$code" "$ev" >/dev/null 2>"$tmp/cg.err" ||
                { cat "$tmp/cg.err" >&2; exit 1; }
            comp=$(incl "$tmp/open.cg" duk_js_compile)
            printf 'cur: callgrind bench_open -k %s: duk_js_compile=%s\n' "$name" "$comp" >>"$raw"
        fi
        b=$(res "open-$name" 1.0) c=$(res "open-$name" cur) k=$(res "open-cold-$name" cur)
        [ -f "$b" ] || : >"$b"
        printf '| %s | %s | %s (%s) | %s | %s | %s |\n' "$name" "$(med "$b" open_ms)" "$(med "$k" open_ms)" \
            "$(rng "$k" open_ms)" "$(med "$c" open_ms)" "$(ratio "$(med "$c" open_ms)" "$(med "$k" open_ms)")" "$comp"
    done
fi

# ---- 6. footprint ------------------------------------------------------------------------------
if section footprint; then
    echo
    echo "## Footprint: stores in one process (bench_open -m), the counter app, one event each"
    echo
    echo "| stores | RSS KB 1.0 / current | RSS per store KB 1.0 / current | open files 1.0 / current | files per store 1.0 / current | create+deploy ms per store 1.0 / current |"
    echo "|---:|---:|---:|---:|---:|---:|"
    for n in 1 100 1000; do
        for lib in $libs; do
            run "$lib" "$(res "stores-$n" "$lib")" "$bin/bench_open" -m "$n" "$store" "$counter_js" "add 1"
        done
        b=$(res "stores-$n" 1.0) c=$(res "stores-$n" cur)
        [ -f "$b" ] || : >"$b"
        printf '| %s | %s / %s | %s / %s | %s / %s | %s / %s | %s / %s |\n' "$n" "$(med "$b" rss_kb)" "$(med "$c" rss_kb)" \
            "$(med "$b" rss_per_store_kb)" "$(med "$c" rss_per_store_kb)" "$(med "$b" open_files)" "$(med "$c" open_files)" \
            "$(med "$b" files_per_store)" "$(med "$c" files_per_store)" "$(med "$b" create_ms_per_store)" "$(med "$c" create_ms_per_store)"
    done
fi

# ---- 7. the issue's targets --------------------------------------------------------------------
if section targets; then
    echo
    echo "## Against the targets: events through the library, batches of 100 (bench_app), against the bare loop"
    echo
    echo "CPU us per event (median of $repeat, alternating); Ir per event under callgrind (1,000 game events, 2,000 counter events, 2 analyse events); bare: bench_engine on the same events. Efficiency = bare CPU / library CPU, current."
    echo
    echo "| workload | lib CPU us 1.0 | lib CPU us current | speed-up (CPU) | lib Ir 1.0 | lib Ir current | speed-up (Ir) | bare CPU us current | bare Ir current | efficiency (Ir) batch 100 | efficiency (CPU) sync batch 100 | efficiency (CPU) relaxed batch 100 | efficiency (CPU) relaxed, one per call | RSS KB: bare 1.0 / current, library 1.0 / current |"
    echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
    workloads | while IFS='|' read -r name code expose driver data warm cpu_n cg_n aopts aev; do
        [ -f "$code" ] || { echo "| $name | SKIPPED: $code is missing |"; continue; }
        case $name in
        analyse*) n=20 b=20 cg_n=2 n1=4 ;;
        game*) n=2000 b=100 n1=1000 ;;
        *) n=20000 b=100 n1=20000 ;;
        esac
        r=0
        while [ "$r" -lt "$repeat" ]; do
            for lib in $libs; do
                # shellcheck disable=SC2086
                run "$lib" "$(res "t-sync-$name" "$lib")" "$bin/bench_app" -n "$n" -b "$b" $aopts "$store" "$code" "$aev"
                # shellcheck disable=SC2086
                run "$lib" "$(res "t-relaxed-$name" "$lib")" "$bin/bench_app" -r -n "$n" -b "$b" $aopts "$store" "$code" "$aev"
            done
            # shellcheck disable=SC2086
            run cur "$(res "t-relaxed1-$name" cur)" "$bin/bench_app" -r -n "$n1" -b 1 $aopts "$store" "$code" "$aev"
            r=$((r + 1))
        done
        for lib in $libs; do
            ir=-
            # shellcheck disable=SC2086
            [ "${NO_CALLGRIND:-0}" = 1 ] || ir=$(callgrind "$lib" run_batches "$cg_n" "$bin/bench_app" -n "$cg_n" -b "$( [ "$cg_n" -lt 100 ] && echo "$cg_n" || echo 100)" $aopts "$store" "$code" "$aev")
            echo "ir=$ir" >"$(res "t-ir-$name" "$lib")"
        done
        for f in t-sync t-relaxed t-ir engine engine-ir; do
            [ -f "$(res "$f-$name" 1.0)" ] || echo "ir=-" >"$(res "$f-$name" 1.0)"
        done
        bare=$(med "$(res "engine-$name" cur)" cpu_us_per_unit)
        bs=$(med "$(res "t-sync-$name" 1.0)" cpu_us_per_event) cs=$(med "$(res "t-sync-$name" cur)" cpu_us_per_event)
        bi=$(med "$(res "t-ir-$name" 1.0)" ir) ci=$(med "$(res "t-ir-$name" cur)" ir)
        bare_ir=$(med "$(res "engine-ir-$name" cur)" ir)
        printf '| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s / %s, %s / %s |\n' "$name" "$bs" "$cs" "$(ratio "$bs" "$cs")" \
            "$bi" "$ci" "$(ratio "$bi" "$ci")" "$bare" "$bare_ir" "$(ratio "$bare_ir" "$ci")" "$(ratio "$bare" "$cs")" \
            "$(ratio "$bare" "$(med "$(res "t-relaxed-$name" cur)" cpu_us_per_event)")" \
            "$(ratio "$bare" "$(med "$(res "t-relaxed1-$name" cur)" cpu_us_per_event)")" \
            "$(med "$(res "engine-$name" 1.0)" rss_peak_kb)" "$(med "$(res "engine-$name" cur)" rss_peak_kb)" \
            "$(med "$(res "t-sync-$name" 1.0)" rss_peak_kb)" "$(med "$(res "t-sync-$name" cur)" rss_peak_kb)"
    done
fi
echo
echo "(raw figures, each with its command: $raw)"
