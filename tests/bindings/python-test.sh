#!/bin/sh
# python-test.sh LIB - the Python binding (bindings/python) against the shared library LIB:
#   1. creates a fresh virtual environment ($PYTHON -m venv) in a temporary directory and installs
#      the package offline the documented way, `pip install ./bindings/python` (build isolation;
#      the in-tree backend needs nothing from PyPI), then again with --no-build-isolation;
#   2. runs its unittest suite (bindings/python/tests) on the installed copy, with
#      PERSIST_LIBRARY=LIB;
#   3. installs libpersist into a temporary DESTDIR (make install PREFIX=/usr/local) and checks
#      that the installed package finds it there through pkg-config, without PERSIST_LIBRARY or
#      LD_LIBRARY_PATH (the unittest suite checks the standard directories with a fake root);
#   4. runs the Python counter example twice on one store (examples/counter/demo.sh) with the
#      virtual environment's python3;
#   5. checks that nothing in bindings/python was created, changed or removed: pip builds in the
#      source tree (step 1 runs pip with bytecode writing on, as a user has it).
# Without the venv module (Debian: python3-venv) steps 1 and 3 are skipped (tests/skip.sh) and
# steps 2 and 4 use the source tree.
# Environment: PYTHON (default python3; missing = skip), BUILD, MAKE, SANITIZE (the library's
# sanitizers: the runtime is preloaded into Python for address/undefined builds; other sanitizers
# skip). Prints "python-test: ..." lines; exits non-zero on any failure.
set -u
cd "$(dirname "$0")/../.." || exit 1
PYTHON=${PYTHON:-python3}
BUILD=${BUILD:-build}
MAKE=${MAKE:-make}
SANITIZE=${SANITIZE:-}
export PYTHONDONTWRITEBYTECODE=1 # no __pycache__ in the source tree
lib=${1:-$BUILD/libpersist.so.1}

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

# ---- 1. offline install into a fresh virtual environment ---------------------------------
# The source tree as it is now (every file with its size and time), to compare at the end.
listing() {
    find bindings/python -type f -exec stat -c '%n %s %Y' {} + | sort
}
listing >"$tmp/tree-before"
failed=0
fail() {
    echo "python-test: FAIL: $*" >&2
    failed=1
}
pkgpath=$(pwd)/bindings/python/src
python=$PYTHON
venv=$tmp/venv
# pip and venv run without the sanitizer runtime and with bytecode on, as for a user.
if ! env -u LD_PRELOAD -u PYTHONDONTWRITEBYTECODE "$PYTHON" -m venv "$venv" >"$tmp/venv.log" 2>&1; then
    sed 's/^/    /' "$tmp/venv.log"
    ./tests/skip.sh python-install "$PYTHON cannot create a virtual environment" \
        "apt-get install python3-venv"
    venv=""
fi
pip() {
    env -u LD_PRELOAD -u PYTHONDONTWRITEBYTECODE -u PYTHONPATH PIP_DISABLE_PIP_VERSION_CHECK=1 \
        "$venv/bin/python" -m pip "$@"
}
if [ -n "$venv" ]; then
    if ! pip install ./bindings/python >"$tmp/pip.log" 2>&1; then
        cat "$tmp/pip.log" >&2
        fail "pip install ./bindings/python in a fresh virtual environment"
    elif ! pip install --force-reinstall --no-build-isolation ./bindings/python \
        >"$tmp/pip2.log" 2>&1; then
        cat "$tmp/pip2.log" >&2
        fail "pip install --no-build-isolation ./bindings/python"
    fi
    # The installed copy, not the source tree: distribution libpersist, import name persist.
    where=$(cd "$tmp" && env -u PYTHONPATH "$venv/bin/python" -c 'import importlib.metadata as m, persist
print(m.version("libpersist"), persist.__file__)' 2>&1)
    case $where in
    "1.0.0 $venv/"*/site-packages/persist/__init__.py)
        python=$venv/bin/python
        pkgpath=""
        echo "python-test: pip install ./bindings/python (also --no-build-isolation): ok (offline," \
            "fresh venv, $("$venv/bin/python" -m pip --version | cut -d' ' -f1-2), $($PYTHON --version 2>&1))"
        ;;
    *) fail "the virtual environment does not import the installed libpersist: $where" ;;
    esac
fi

# ---- 2. unittest ----------------------------------------------------------------------------
if PERSIST_LIBRARY=$lib PYTHONPATH=$pkgpath \
    "$python" -m unittest discover -s bindings/python/tests -t bindings/python/tests \
    >"$tmp/unittest.log" 2>&1; then
    echo "python-test: unittest: $(grep '^Ran ' "$tmp/unittest.log") ok" \
        "($([ -n "$pkgpath" ] && echo "source tree" || echo "installed copy"))"
else
    cat "$tmp/unittest.log" >&2
    fail "unittest (PERSIST_LIBRARY=$lib)"
fi

# ---- 3. the library from an installed prefix, without LD_LIBRARY_PATH -------------------------
if [ -n "$venv" ] && [ -n "$pkgpath" ]; then
    : # the install failed above
elif [ -n "$venv" ]; then
    root=$tmp/root
    if ! "$MAKE" -s install DESTDIR="$root" PREFIX=/usr/local BUILD="$BUILD" \
        >"$tmp/install.log" 2>&1; then
        cat "$tmp/install.log" >&2
        fail "make install DESTDIR=$root PREFIX=/usr/local"
    else
        found=$(cd "$tmp" && env -u PERSIST_LIBRARY -u LD_LIBRARY_PATH -u PYTHONPATH \
            PKG_CONFIG_PATH="$root/usr/local/lib/pkgconfig" PKG_CONFIG_SYSROOT_DIR="$root" \
            "$python" -c 'import persist; print(persist.library_path(), persist.version())' 2>&1)
        if [ "$found" = "$root/usr/local/lib/libpersist.so.1 $(sed -n \
            's/^#define PERSIST_VERSION_STRING "\(.*\)"/\1/p' include/persist.h)" ]; then
            echo "python-test: found the installed library through pkg-config, no LD_LIBRARY_PATH: ok"
        else
            fail "the installed package did not load $root/usr/local/lib/libpersist.so.1: $found"
        fi
    fi
fi

# ---- 4. the counter example -------------------------------------------------------------------
if PATH=${venv:+$venv/bin:}$PATH PERSIST_LIBRARY=$lib PYTHONPATH=$pkgpath ./examples/counter/demo.sh \
    examples/python/counter.py examples/counter/counter.js >"$tmp/demo.log" 2>&1; then
    echo "python-test: examples/python/counter.py: ok"
else
    cat "$tmp/demo.log" >&2
    fail "examples/python/counter.py"
fi

# ---- 5. the source tree is as it was ----------------------------------------------------------
listing >"$tmp/tree-after"
if ! cmp -s "$tmp/tree-before" "$tmp/tree-after"; then
    fail "bindings/python changed: $(diff "$tmp/tree-before" "$tmp/tree-after" | grep '^[<>]' | tr '\n' ' ')"
else
    echo "python-test: bindings/python unchanged (no build/, *.egg-info or __pycache__ left)"
fi
exit $failed
