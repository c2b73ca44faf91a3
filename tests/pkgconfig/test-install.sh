#!/bin/sh
# Installs libpersist into a temporary DESTDIR (PREFIX=/usr/local), builds an external program
# against it through pkg-config twice (shared library; static libpersist.a with the dependencies
# from `pkg-config --static`) and a C++17 program against the installed persist.hpp, runs them,
# then checks that `make uninstall` removes every file that `make install` put there. Also checks
# when `make install` runs ldconfig (with a stand-in: the system is never changed): never with a
# DESTDIR; without one, as root, only into a directory the loader searches. Prints
# "pkgconfig: N passed, N failed"; exits non-zero on any failure.
#
# Environment: BUILD (default build), MAKE (default make), CC (default cc), CXX (default g++),
# SANITIZE (the value the library in BUILD was built with, e.g. address,undefined; the test
# programs then use it too).
set -u
cd "$(dirname "$0")/../.." || exit 1
BUILD=${BUILD:-build}
MAKE=${MAKE:-make}
CC=${CC:-cc}
CXX=${CXX:-g++}
SANITIZE=${SANITIZE:-}
san=""
[ -n "$SANITIZE" ] && san="-fsanitize=$SANITIZE -fno-omit-frame-pointer"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/persist-pkgconfig.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' HUP INT TERM
dest="$tmp/dest"
libdir="$dest/usr/local/lib"
mkdir -p "$tmp/work"
passed=0
failed=0

fail() {
    echo "pkgconfig: FAIL: $*" >&2
    failed=$((failed + 1))
}

summary() {
    echo "pkgconfig: $passed passed, $failed failed"
    [ "$failed" -eq 0 ]
    exit $?
}

# A stand-in for ldconfig: logs its calls; `-v -N` lists $FAKE_LOADER_DIR as the loader's only
# directory.
cat >"$tmp/ldconfig" <<'FAKE'
#!/bin/sh
echo "call:$*" >>"$FAKE_LDCONFIG_LOG"
[ "$*" = "-v -N" ] && printf '%s: (from fake.conf:1)\n\tlibc.so.6 -> libc.so.6\n' "$FAKE_LOADER_DIR"
exit 0
FAKE
chmod +x "$tmp/ldconfig"
export FAKE_LDCONFIG_LOG="$tmp/ldconfig.log" FAKE_LOADER_DIR="$dest/usr/local/lib"

# ---- install -------------------------------------------------------------------------------
if ! "$MAKE" -s install DESTDIR="$dest" PREFIX=/usr/local BUILD="$BUILD" LDCONFIG="$tmp/ldconfig" \
    >"$tmp/install.log" 2>&1; then
    cat "$tmp/install.log" >&2
    fail "make install DESTDIR=$dest PREFIX=/usr/local BUILD=$BUILD"
    summary
fi
# A staged install must not touch the system: no ldconfig, even for a directory it searches.
if [ -e "$FAKE_LDCONFIG_LOG" ]; then
    fail "make install DESTDIR=... ran ldconfig: $(tr '\n' ' ' <"$FAKE_LDCONFIG_LOG")"
fi
(cd "$dest" && find . ! -type d | sort) >"$tmp/installed.txt"
for f in usr/local/include/persist.h usr/local/include/persist.hpp usr/local/lib/libpersist.a usr/local/lib/libpersist.so \
    usr/local/lib/libpersist.so.1 usr/local/lib/pkgconfig/libpersist.pc; do
    grep -qx "./$f" "$tmp/installed.txt" || fail "make install did not install /$f"
done
if ! grep -qx 'prefix=/usr/local' "$libdir/pkgconfig/libpersist.pc"; then
    fail "installed libpersist.pc does not say prefix=/usr/local (stale $BUILD/libpersist.pc?)"
    sed 's/^/    /' "$libdir/pkgconfig/libpersist.pc" >&2
fi

# ---- the external program ------------------------------------------------------------------
cat >"$tmp/work/app.c" <<'PROGRAM'
#include <persist.h>
#include <stdio.h>
#include <string.h>

static const char APP[] =
    "var app = {\n"
    "  init: function () { return { n: 0 }; },\n"
    "  update: function (e, s) { var n = s.n + 1; return [{ n: n }, e + ' #' + n]; },\n"
    "  serialize: function (s) { return JSON.stringify(s); },\n"
    "  deserialize: function (t) { return JSON.parse(t); }\n"
    "};\n";

static int check(persist_store *s, int rc, const char *what)
{
    char msg[512] = "";
    if (rc == PERSIST_OK)
        return 0;
    persist_store_errmsg(s, msg, sizeof msg);
    fprintf(stderr, "%s: %s: %s\n", what, persist_strerror(rc), msg);
    return 1;
}

int main(int argc, char **argv)
{
    persist_store *s = NULL;
    char *resp = NULL;
    size_t len = 0;
    int bad;
    if (argc != 2)
        return 2;
    if (persist_version_number() != PERSIST_VERSION_NUMBER) {
        fprintf(stderr, "header %d, library %u\n", PERSIST_VERSION_NUMBER, persist_version_number());
        return 1;
    }
    bad = check(s, persist_store_open(&s, argv[1], NULL), "open") ||
          check(s, persist_store_deploy(s, APP, sizeof APP - 1, PERSIST_DEPLOY_INIT, NULL), "deploy") ||
          check(s, persist_store_submit(s, "ping", 4, &resp, &len), "submit");
    if (!bad && (len != 7 || strcmp(resp, "ping #1") != 0)) {
        fprintf(stderr, "unexpected response '%s'\n", resp);
        bad = 1;
    }
    persist_free(resp);
    persist_store_close(s);
    if (!bad)
        printf("response: ping #1\n");
    return bad;
}
PROGRAM

export PKG_CONFIG_PATH="$libdir/pkgconfig"
export PKG_CONFIG_SYSROOT_DIR="$dest"
if ! pkg-config --exists libpersist; then
    fail "pkg-config does not find libpersist in $PKG_CONFIG_PATH"
    summary
fi
cflags=$(pkg-config --cflags libpersist)
libs=$(pkg-config --libs libpersist)
static_libs=$(pkg-config --static --libs libpersist)
# What libpersist.a leaves undefined decides what the static link needs (Duktape is compiled into
# the library; if a build links it externally instead, -lduktape must be listed too).
undef=$(nm -u "$libdir/libpersist.a" 2>/dev/null)
need="-lpersist -lm"
printf '%s\n' "$undef" | grep -q ' mdb_' && need="$need -llmdb"
printf '%s\n' "$undef" | grep -q ' duk_' && need="$need -lduktape"
printf '%s\n' "$undef" | grep -q -E ' (EVP_|SHA256)' && need="$need -lcrypto"
for l in $need; do
    case " $static_libs " in
    *" $l "*) ;;
    *) fail "pkg-config --static --libs libpersist lacks $l: $static_libs" ;;
    esac
done
case " $static_libs " in
*" -lpthread "* | *" -pthread "*) ;;
*) fail "pkg-config --static --libs libpersist lacks -lpthread: $static_libs" ;;
esac

# Compiles app.c as $1 with the remaining arguments, logging the command.
build() {
    out=$1
    shift
    echo "    $CC -std=c11 -Wall -Wextra -Werror app.c -o $out $*" >"$tmp/work/$out.log"
    # shellcheck disable=SC2086 # word splitting of compiler flags is intended
    $CC -std=c11 -Wall -Wextra -Werror $san "$tmp/work/app.c" -o "$tmp/work/$out" "$@" \
        >>"$tmp/work/$out.log" 2>&1
}

# ---- 1: shared library -------------------------------------------------------------------------
# shellcheck disable=SC2086
if ! build app-shared $cflags $libs; then
    cat "$tmp/work/app-shared.log" >&2
    fail "building against the shared library"
elif ! readelf -d "$tmp/work/app-shared" | grep -q 'NEEDED.*\[libpersist\.so\.1\]'; then
    fail "app-shared does not depend on libpersist.so.1 (SONAME)"
elif ! LD_LIBRARY_PATH="$libdir" "$tmp/work/app-shared" "$tmp/store-shared" >"$tmp/work/run.log" 2>&1; then
    cat "$tmp/work/run.log" >&2
    fail "running app-shared with LD_LIBRARY_PATH=$libdir"
elif ! LD_LIBRARY_PATH="$libdir" ldd "$tmp/work/app-shared" | grep -q "$libdir/libpersist.so.1"; then
    fail "app-shared did not load libpersist.so.1 from $libdir"
else
    echo "pkgconfig: shared: ok ($(cat "$tmp/work/run.log"))"
    passed=$((passed + 1))
fi

# ---- 2: static libpersist.a ----------------------------------------------------------------
# The linker prefers libpersist.so when both exist: take -lpersist from the archive, and the
# dependencies (Requires.private, Libs.private) as pkg-config --static lists them.
static_link=$(printf '%s\n' " $static_libs " | sed 's/ -lpersist / -Wl,-Bstatic -lpersist -Wl,-Bdynamic /')
# shellcheck disable=SC2086
if ! build app-static $cflags $static_link; then
    cat "$tmp/work/app-static.log" >&2
    fail "linking statically against libpersist.a with: $static_link"
elif readelf -d "$tmp/work/app-static" | grep -q 'NEEDED.*libpersist'; then
    fail "app-static still depends on libpersist.so"
elif ! env -u LD_LIBRARY_PATH "$tmp/work/app-static" "$tmp/store-static" >"$tmp/work/run.log" 2>&1; then
    cat "$tmp/work/run.log" >&2
    fail "running app-static"
else
    echo "pkgconfig: static: ok ($(cat "$tmp/work/run.log"))"
    passed=$((passed + 1))
fi

# ---- 3: C++ with the installed persist.hpp -------------------------------------------------------
cat >"$tmp/work/app.cpp" <<'PROGRAM'
#include <persist.hpp>

#include <iostream>

int main(int argc, char **argv)
{
    if (argc != 2)
        return 2;
    try {
        persist::Store store(argv[1]);
        store.deploy("var app = { init: function () { return 0; },"
                     "  update: function (e, s) { return [s + 1, e + ' #' + (s + 1)]; },"
                     "  serialize: function (s) { return String(s); },"
                     "  deserialize: function (t) { return Number(t); } };");
        std::string response = store.submit("ping");
        store.submit("pong");
        persist::Store moved(std::move(store));
        std::cout << "response: " << response << ", head " << moved.head() << "\n";
        return response == "ping #1" && moved.head() == 3 ? 0 : 1;
    } catch (const persist::Error &e) {
        std::cerr << e.what() << " (" << e.code() << ")\n";
        return 1;
    }
}
PROGRAM
echo "    $CXX -std=c++17 -Wall -Wextra -pedantic -Werror app.cpp -o app-cpp $cflags $libs" \
    >"$tmp/work/app-cpp.log"
# shellcheck disable=SC2086
if ! $CXX -std=c++17 -Wall -Wextra -pedantic -Werror $san "$tmp/work/app.cpp" -o "$tmp/work/app-cpp" \
    $cflags $libs >>"$tmp/work/app-cpp.log" 2>&1; then
    cat "$tmp/work/app-cpp.log" >&2
    fail "building a C++17 program against the installed persist.hpp"
elif ! LD_LIBRARY_PATH="$libdir" "$tmp/work/app-cpp" "$tmp/store-cpp" >"$tmp/work/run.log" 2>&1; then
    cat "$tmp/work/run.log" >&2
    fail "running app-cpp"
else
    echo "pkgconfig: C++ (persist.hpp): ok ($(cat "$tmp/work/run.log"))"
    passed=$((passed + 1))
fi

# ---- ldconfig after a real install (empty DESTDIR) into a temporary prefix --------------------
# install_plain NAME LOADER_DIR: make install DESTDIR= PREFIX=$tmp/NAME with the loader searching
# LOADER_DIR; then make uninstall. Leaves the stand-in's log in $tmp/NAME.calls.
install_plain() {
    rm -f "$FAKE_LDCONFIG_LOG"
    FAKE_LOADER_DIR=$2 "$MAKE" -s install DESTDIR= PREFIX="$tmp/$1" BUILD="$BUILD" \
        LDCONFIG="$tmp/ldconfig" >"$tmp/$1.log" 2>&1 || fail "make install PREFIX=$tmp/$1 DESTDIR="
    touch "$FAKE_LDCONFIG_LOG"
    mv "$FAKE_LDCONFIG_LOG" "$tmp/$1.calls"
    "$MAKE" -s uninstall DESTDIR= PREFIX="$tmp/$1" BUILD="$BUILD" >>"$tmp/$1.log" 2>&1 ||
        fail "make uninstall PREFIX=$tmp/$1 DESTDIR="
}
install_plain searched "$tmp/searched/lib"
install_plain elsewhere /nonexistent/lib
if [ "$(id -u)" -eq 0 ]; then
    grep -qx 'call:' "$tmp/searched.calls" ||
        fail "make install as root into a directory the loader searches did not run ldconfig" \
            "($(tr '\n' ' ' <"$tmp/searched.calls"))"
else
    grep -q 'run .* as root' "$tmp/searched.log" ||
        fail "make install as a user did not say to run ldconfig as root: $(cat "$tmp/searched.log")"
fi
if grep -qx 'call:' "$tmp/elsewhere.calls"; then
    fail "make install into a directory the loader does not search ran ldconfig"
elif ! grep -q 'the dynamic loader does not search' "$tmp/elsewhere.log"; then
    fail "make install into $tmp/elsewhere/lib did not say the loader does not search it"
else
    echo "pkgconfig: ldconfig: not with DESTDIR; $(grep -c 'call:$' "$tmp/searched.calls") time(s) for" \
        "a searched libdir as uid $(id -u); not for another libdir"
    passed=$((passed + 1))
fi

# ---- uninstall -----------------------------------------------------------------------------
if ! "$MAKE" -s uninstall DESTDIR="$dest" PREFIX=/usr/local BUILD="$BUILD" >"$tmp/uninstall.log" 2>&1; then
    cat "$tmp/uninstall.log" >&2
    fail "make uninstall DESTDIR=$dest PREFIX=/usr/local"
else
    left=$(while read -r f; do [ -e "$dest/$f" ] || [ -L "$dest/$f" ] && echo "$f"; done <"$tmp/installed.txt")
    if [ -n "$left" ]; then
        fail "make uninstall left installed files behind: $(printf '%s\n' "$left" | tr '\n' ' ')"
    fi
fi

summary
