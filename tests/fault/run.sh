#!/bin/sh
# tests/fault/run.sh BIN - the I/O fault-injection suite: runs tests/fault/fault_scenario (BIN)
# under libfiu's `fiu-run -x` in every mode, then prints one closing line
# "fault: N passed, M failed, K faults injected". Skips (exit 0) when libfiu is not installed.
# FAULT_ROUNDS (default 500, 200 for an ASan build) and FAULT_SEED (default 1) set the random rounds
# per durability mode.
set -u
bin=${1:?usage: run.sh path/to/fault_scenario}
seed=${FAULT_SEED:-1}

if ! command -v fiu-run >/dev/null 2>&1; then
    ./tests/skip.sh fault "fiu-run not found" "apt-get install libfiu-dev fiu-utils"
    exit 0
fi
# fiu-run puts libfiu's preload libraries first in LD_PRELOAD; a binary built with AddressSanitizer
# (make asan) needs the sanitizer runtime before them, so it gets the same libraries by hand.
asan=$(ldd "$bin" 2>/dev/null | awk '/libasan/ { print $3; exit }')
rounds=${FAULT_ROUNDS:-$([ -n "$asan" ] && echo 200 || echo 500)}
plib=$(sed -n 's/^PLIBPATH="\(.*\)"/\1/p' "$(command -v fiu-run)")
fiu() {
    if [ -n "$asan" ]; then
        FIU_ENABLE='' FIU_CTRL_FIFO='' \
            LD_PRELOAD="$asan ${plib:-/usr/lib/fiu}/fiu_run_preload.so ${plib:-/usr/lib/fiu}/fiu_posix_preload.so" \
            "$bin" "$@"
    else
        fiu-run -x -f '' "$bin" "$@"
    fi
}

passed=0; failed=0; injected=0; runs=0; start=$(date +%s)
run() {
    out=$(fiu "$@" 2>&1); rc=$?
    if [ $rc -eq 77 ]; then
        ./tests/skip.sh fault "libfiu's POSIX preload library is not working here" "apt-get install --reinstall libfiu-dev fiu-utils"
        exit 0
    fi
    printf '%s\n' "$out" | grep -v '^fault: [0-9]* passed, [0-9]* failed'
    line=$(printf '%s\n' "$out" | grep '^fault: [0-9]* passed, [0-9]* failed' | tail -1)
    if [ -z "$line" ]; then
        echo "fault: FAILED $*: exited with status $rc without a summary"
        failed=$((failed + 1))
        return
    fi
    set -- $line
    passed=$((passed + $2)); failed=$((failed + $4)); injected=$((injected + $6))
    runs=$((runs + 1))
}

run tinymap sync
for mode in sync relaxed; do
    run sequential "$mode" 0   # each call in turn: EIO (open: EACCES, mmap: ENOMEM)
    run sequential "$mode" 1   # each call in turn: ENOSPC (open: EMFILE, mmap: EAGAIN)
    run persistent "$mode" 0   # from each call on, every call fails
    run persistent "$mode" 1
    run random "$mode" "$rounds" 0.05 "$seed"
    run random "$mode" $((rounds / 3)) 0.25 $((seed + 100000))
done
echo "fault: $passed passed, $failed failed, $injected faults injected ($runs runs, $(($(date +%s) - start)) s)"
[ "$failed" -eq 0 ]
