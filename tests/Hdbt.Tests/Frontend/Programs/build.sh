#!/bin/sh
# Rebuilds the frontend test programs and their expected outputs. The expected outputs come from
# running each program natively, so run this on an x86 host that executes i386 binaries; the
# committed outputs were made on an AMD EPYC host (see each program's comment for the undefined
# flags this matters for). Usage: ./build.sh  (from any directory)
set -eu
cd "$(dirname "$0")"
CFLAGS="-m32 -static -nostdlib -ffreestanding -fno-pie -no-pie -O2 -fno-stack-protector
  -fcf-protection=none -fno-tree-loop-distribute-patterns -fno-asynchronous-unwind-tables -Wall -Werror"

# program: groups (each test runs one group, so each stays short)
for entry in "shift8:cl imm" "shift:reg other double" "bit:bt scan" "muldiv:mul div"; do
    prog=${entry%%:*}
    groups=${entry#*:}
    gcc $CFLAGS -o "$prog" "$prog.c"
    for g in $groups; do
        "./$prog" "$g" > "$prog.$g.expected"
    done
done
