#!/bin/sh
# Rebuilds the frontend test programs and their expected outputs on the real CPU.
# The binaries and .expected files are committed; run this only after changing a source, on an x86
# host that executes i386 binaries. The committed outputs were made on an AMD EPYC host (see each
# program's comment for the undefined flags this matters for).
# string_ops needs vm.mmap_min_addr <= 0x4000 (its 16-bit address tests map memory there).
set -eu
cd "$(dirname "$0")"

# Freestanding string and atomic programs: no libc, no builtins turned into calls, i686 integer code only.
FREE="-m32 -static -nostdlib -ffreestanding -fno-builtin -fno-pic -fno-pie -no-pie -O1 -march=i686 -mno-sse \
  -fno-stack-protector -fcf-protection=none -fno-asynchronous-unwind-tables -Wall -Wextra -Werror"
for p in string_ops atomic; do
  gcc $FREE -o $p $p.c
  strip $p
  ./$p > $p.expected
done
# glibc's own string functions (the generic i386/i686 versions hdbt's CPUID selects).
gcc -m32 -static -O2 -fno-builtin -fno-tree-loop-distribute-patterns -Wall -Wextra -Werror -o string_libc string_libc.c
strip string_libc
./string_libc > string_libc.expected

# Shift, bit and mul/div programs: program:groups (each test runs one group, so each stays short).
CFLAGS="-m32 -static -nostdlib -ffreestanding -fno-pie -no-pie -O2 -fno-stack-protector
  -fcf-protection=none -fno-tree-loop-distribute-patterns -fno-asynchronous-unwind-tables -Wall -Werror"
for entry in "shift8:cl imm" "shift:reg other double" "bit:bt scan" "muldiv:mul div"; do
    prog=${entry%%:*}
    groups=${entry#*:}
    gcc $CFLAGS -o "$prog" "$prog.c"
    for g in $groups; do
        "./$prog" "$g" > "$prog.$g.expected"
    done
done

# Rounding modes and FP exception flags through glibc's fenv.h, built for the x87 and for SSE2.
FP="-m32 -static -O2 -fno-builtin -Wall -Wextra -Werror"
gcc $FP -mfpmath=387 -o fpround_x87 fpround.c -lm
gcc $FP -msse2 -mfpmath=sse -o fpround_sse2 fpround.c -lm
for p in fpround_x87 fpround_sse2; do
    strip $p
    ./$p > $p.expected
done
