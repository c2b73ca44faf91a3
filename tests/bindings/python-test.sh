#!/bin/sh
# python-test.sh LIB - the Python binding (bindings/python) against the shared library LIB:
#   1. installs the package offline into a temporary directory
#      (pip install --no-build-isolation --no-index --target DIR), when PYTHON has the build
#      tools for it (setuptools with wheel, or setuptools >= 70.1); otherwise says why it skips;
#   2. runs its unittest suite (bindings/python/tests) on the installed copy, or on the source
#      tree when step 1 was skipped, with PERSIST_LIBRARY=LIB;
#   3. runs the Python counter example twice on one store (examples/counter/demo.sh).
# Environment: PYTHON (default python3; missing = skip), SANITIZE (the library's sanitizers: the
# runtime is preloaded into Python for address/undefined builds; other sanitizers skip).
# Prints "python-test: ..." lines; exits non-zero on any failure.
set -u
cd "$(dirname "$0")/../.." || exit 1
PYTHON=${PYTHON:-python3}
SANITIZE=${SANITIZE:-}
export PYTHONDONTWRITEBYTECODE=1 # no __pycache__ in the source tree
lib=${1:-${BUILD:-build}/libpersist.so.1}

if ! command -v "$PYTHON" >/dev/null 2>&1; then
    ./tests/skip.sh python-test "$PYTHON is not installed" "apt-get install python3"
    exit 0
fi
case $lib in /*) ;; *) lib=$(pwd)/$lib ;; esac
if [ ! -f "$lib" ]; then
    echo "python-test: FAIL: $lib does not exist" >&2
    exit 1
fi

# A sanitized library needs its runtime loaded first; Python itself is not instrumented.
if [ -n "$SANITIZE" ]; then
    preload=""
    for s in $(printf '%s' "$SANITIZE" | tr ',' ' '); do
        case $s in
        address) preload="$preload $(${CC:-cc} -print-file-name=libasan.so)" ;;
        undefined) preload="$preload $(${CC:-cc} -print-file-name=libubsan.so)" ;;
        *)
            echo "python-test: not run on a SANITIZE=$SANITIZE build (cannot load it into Python)"
            exit 0
            ;;
        esac
    done
    export LD_PRELOAD="${preload# }"
    # Python's own allocations are not leaks of the library; stop at the first real error.
    export ASAN_OPTIONS="detect_leaks=0:halt_on_error=1${ASAN_OPTIONS:+:$ASAN_OPTIONS}"
    export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1${UBSAN_OPTIONS:+:$UBSAN_OPTIONS}"
    export PYTHONMALLOC=malloc
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/persist-python.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' HUP INT TERM
failed=0

# ---- 1. offline install ----------------------------------------------------------------------
pkgpath=$(pwd)/bindings/python/src
# The interpreter that can build offline: $PYTHON, else Debian's (the package is pure Python, so
# what it installs runs under $PYTHON too).
can_build() {
    "$1" -c 'import setuptools, sys
v = tuple(int(x) for x in setuptools.__version__.split(".")[:2])
if v < (70, 1):
    import wheel' >/dev/null 2>&1 && "$1" -m pip --version >/dev/null 2>&1
}
PIP_PYTHON=$PYTHON
can_build "$PIP_PYTHON" || PIP_PYTHON=/usr/bin/python3
if [ -x "$PIP_PYTHON" ] && can_build "$PIP_PYTHON"; then
    # pip builds in the source directory (build/, *.egg-info): build from a copy.
    cp -R bindings/python "$tmp/src"
    rm -rf "$tmp/src/build" "$tmp/src/src/persist.egg-info"
    if env -u LD_PRELOAD "$PIP_PYTHON" -m pip install --quiet --no-build-isolation --no-index \
        --no-deps --disable-pip-version-check --target "$tmp/site" "$tmp/src" \
        >"$tmp/pip.log" 2>&1; then
        for f in __init__.py py.typed; do
            [ -f "$tmp/site/persist/$f" ] || {
                echo "python-test: FAIL: the installed package lacks persist/$f" >&2
                failed=1
            }
        done
        pkgpath=$tmp/site
        echo "python-test: pip install --no-build-isolation: ok (offline, $PIP_PYTHON)"
    else
        cat "$tmp/pip.log" >&2
        echo "python-test: FAIL: pip install --no-build-isolation ./bindings/python" >&2
        failed=1
    fi
else
    echo "python-test: install check skipped: $PYTHON lacks pip, or setuptools with wheel" \
        "(or setuptools >= 70.1); testing the source tree"
fi

# ---- 2. unittest ----------------------------------------------------------------------------
if PERSIST_LIBRARY=$lib PYTHONPATH=$pkgpath \
    "$PYTHON" -m unittest discover -s bindings/python/tests -t bindings/python/tests \
    >"$tmp/unittest.log" 2>&1; then
    echo "python-test: unittest: $(grep '^Ran ' "$tmp/unittest.log") ok"
else
    cat "$tmp/unittest.log" >&2
    echo "python-test: FAIL: unittest (PERSIST_LIBRARY=$lib)" >&2
    failed=1
fi

# ---- 3. the counter example ---------------------------------------------------------------------
if PERSIST_LIBRARY=$lib PYTHONPATH=$pkgpath ./examples/counter/demo.sh \
    examples/python/counter.py examples/counter/counter.js >"$tmp/demo.log" 2>&1; then
    echo "python-test: examples/python/counter.py: ok"
else
    cat "$tmp/demo.log" >&2
    echo "python-test: FAIL: examples/python/counter.py" >&2
    failed=1
fi
exit $failed
