#!/bin/sh
# Installs the Debian packages libpersist needs to build and test, when they are missing.
# As root it runs apt-get; otherwise it prints the exact command and fails.
set -u
PKGS="build-essential pkg-config duktape-dev liblmdb-dev libjansson-dev libcmocka-dev libssl-dev"
missing=""
for p in $PKGS; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" -eq 0 ]; then
    echo "installing missing build dependencies:$missing"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq && apt-get install -y -qq $missing >/dev/null || {
        echo "apt-get failed; run: apt-get update && apt-get install -y$missing" >&2; exit 1; }
else
    echo "missing build dependencies:$missing" >&2
    echo "run as root: apt-get update && apt-get install -y$missing" >&2
    exit 1
fi
