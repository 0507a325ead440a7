#!/usr/bin/env bash
# fetch-busybox.sh -- puts Debian's busybox-static for i386 (a static i386 program built by others,
# which the Category=Long distribution tests run under hdbt) in DIR/i386/bin/busybox, and the same
# Debian package built for amd64 in DIR/amd64/bin/busybox: the same program compiled for x86-64, the
# tests' reference on hosts whose kernel runs no i386 programs (tests/Hdbt.Tests/Distribution).
# Both must come from the same Debian source version; the script checks that. Needs root for apt
# (as CI has). The tests look in the default DIR; HDBT_BUSYBOX and HDBT_BUSYBOX_AMD64 override the
# two paths.
#   usage: tools/fetch-busybox.sh [DIR]      (default: /tmp/hdbt-busybox)
set -euo pipefail
dest=${1:-/tmp/hdbt-busybox}
[ -x "$dest/i386/bin/busybox" ] && [ -x "$dest/amd64/bin/busybox" ] && exit 0
if ! dpkg --print-foreign-architectures | grep -qx i386; then
    dpkg --add-architecture i386
fi
# A mirror that is mid-sync fails some index files; the download below says so if it matters.
apt-get update -qq || echo "fetch-busybox: apt-get update reported errors; trying the download anyway" >&2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
chmod a+rwx "$tmp"  # apt downloads as the _apt user
(cd "$tmp" && apt-get download -qq busybox-static:i386 busybox-static:amd64)
# The Debian version without a binNMU suffix (+bN: a rebuild of one architecture) is the source's.
source_version() { dpkg-deb -f "$1" Version | sed 's/+b[0-9]*$//'; }
v386=$(source_version "$tmp"/busybox-static_*_i386.deb)
v64=$(source_version "$tmp"/busybox-static_*_amd64.deb)
if [ "$v386" != "$v64" ]; then
    echo "fetch-busybox: the archive has busybox-static $v386 for i386 but $v64 for amd64; the tests need one source version" >&2
    exit 1
fi
for arch in i386 amd64; do
    rm -rf "${dest:?}/$arch"
    mkdir -p "$dest/$arch"
    dpkg -x "$tmp"/busybox-static_*_"$arch".deb "$dest/$arch"
done
# The amd64 build runs here; the i386 one only where the kernel executes i386 programs, so check its header:
# ELFCLASS32 (byte 4 = 1) and EM_386 (bytes 18-19 = 3 0).
"$dest/amd64/bin/busybox" true
[ "$(od -An -tx1 -j4 -N1 "$dest/i386/bin/busybox" | tr -d ' ')" = 01 ] && [ "$(od -An -tx1 -j18 -N2 "$dest/i386/bin/busybox" | tr -d ' ')" = 0300 ] \
    || { echo "fetch-busybox: $dest/i386/bin/busybox is not an i386 ELF program" >&2; exit 1; }
for arch in i386 amd64; do
    echo "busybox-static:$arch $(dpkg-deb -f "$tmp"/busybox-static_*_"$arch".deb Version) in $dest/$arch/bin/busybox"
done
