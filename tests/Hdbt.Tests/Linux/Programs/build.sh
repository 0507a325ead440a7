#!/bin/sh
# Rebuilds the i386 test programs and their expected output, taken from a native run
# (on a machine that runs i386 binaries natively: the oracle). Run from this directory.
# bigdir has no .expected file: its output is a function of its arguments, stated in
# DirectoryTests.cs (it was written on a host that cannot run i386 programs).
set -e
for src in *.c; do
    prog=${src%.c}
    gcc -m32 -static -O2 -o "$prog" "$src"
done
for prog in files fds raw timesig; do
    dir=$(mktemp -d)
    ./"$prog" "$dir" > "$prog.expected"
    rm -rf "$dir"
done
