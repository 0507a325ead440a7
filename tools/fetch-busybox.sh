#!/usr/bin/env bash
# fetch-busybox.sh -- puts Debian's busybox-static for i386 (a static i386 program built by others,
# used by the Category=Long tests) in DIR/bin/busybox. Needs root for apt (as CI has).
#   usage: tools/fetch-busybox.sh [DIR]      (default: /tmp/hdbt-busybox)
set -euo pipefail
dest=${1:-/tmp/hdbt-busybox}
[ -x "$dest/bin/busybox" ] && exit 0
if ! dpkg --print-foreign-architectures | grep -qx i386; then
    dpkg --add-architecture i386
fi
# A mirror that is mid-sync fails some index files; the download below says so if it matters.
apt-get update -qq || echo "fetch-busybox: apt-get update reported errors; trying the download anyway" >&2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
chmod a+rwx "$tmp"  # apt downloads as the _apt user
(cd "$tmp" && apt-get download -qq busybox-static:i386)
mkdir -p "$dest"
dpkg -x "$tmp"/busybox-static_*_i386.deb "$dest"
"$dest/bin/busybox" true
echo "busybox-static:i386 $(dpkg-deb -f "$tmp"/busybox-static_*_i386.deb Version) in $dest/bin/busybox"
