#!/bin/sh
# install-ldconfig.sh LIBDIR - what `make install` runs after installing libpersist.so.1 into
# LIBDIR with an empty DESTDIR (a real install, not a staged one). The dynamic loader finds a new
# library in its directories only through the cache that ldconfig writes, so a program linked
# against libpersist.so.1 fails to start until ldconfig runs. As root, when LIBDIR is one of the
# loader's directories (`ldconfig -v -N` lists them, including /etc/ld.so.conf.d/*), this runs
# ldconfig; otherwise it prints what to do instead. It never fails the install.
# Environment: LDCONFIG (default ldconfig; empty: do nothing; the tests pass a stand-in).
set -u
libdir=$1
LDCONFIG=${LDCONFIG-ldconfig}
[ -n "$LDCONFIG" ] || exit 0
if ! command -v "$LDCONFIG" >/dev/null 2>&1; then
    echo "note: $LDCONFIG not found; if programs do not find libpersist.so.1, refresh the loader's cache"
    exit 0
fi
real=$(cd "$libdir" 2>/dev/null && pwd -P) || exit 0
searched=no
# Lines "DIR: (from FILE:LINE)"; the libraries in them follow, indented.
for dir in $("$LDCONFIG" -v -N 2>/dev/null | sed -n 's/^\([^[:space:]][^:]*\):.*/\1/p'); do
    if [ "$(cd "$dir" 2>/dev/null && pwd -P)" = "$real" ]; then
        searched=yes
        break
    fi
done
if [ "$searched" = no ]; then
    echo "note: the dynamic loader does not search $libdir: add it to a file in /etc/ld.so.conf.d/" \
        "and run $LDCONFIG, or link programs with -Wl,-rpath,$libdir (or set LD_LIBRARY_PATH)"
elif [ "$(id -u)" -ne 0 ]; then
    echo "note: run '$LDCONFIG' as root so that programs find libpersist.so.1 in $libdir"
else
    echo "$LDCONFIG    # the loader's cache now lists libpersist.so.1 in $libdir"
    "$LDCONFIG"
fi
exit 0
