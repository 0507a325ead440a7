#!/bin/sh
# Rebuilds the frontend test programs and their expected outputs on the real CPU.
# The binaries and .expected files are committed; run this only after changing a source, on an x86
# host that executes i386 binaries. The committed outputs were made on an AMD EPYC host (see each
# program's comment for the undefined flags this matters for).
# string_ops needs vm.mmap_min_addr <= 0x4000 (its 16-bit address tests map memory there).
#   usage: ./build.sh           everything: the i386 programs, their outputs, the x86-64 builds
#          ./build.sh x86_64    only the x86-64 builds (any x86-64 host with gcc and libc6-dev)
set -eu
cd "$(dirname "$0")"

# x86-64 builds of the programs whose tests compare with the CPU live (NAME.x86_64): the CPU oracle on
# hosts whose kernel runs no i386 programs (tests/Hdbt.Tests/Support/NativeOracle.cs). Same sources
# and flags with -m64 for -m32: every FP operation there is an inline-asm instruction, which the CPU
# executes in 64-bit mode as in i386 code (the sources differ only where i386-only code would not
# assemble, under #ifdef __x86_64__, so the i386 binaries stay byte for byte what they were).
# Frontend/OracleEquivalenceTests checks them against the .expected files recorded from the i386
# builds: x87 (all but the libm group: glibc's x86-64 libm uses SSE2), sse_fp and sse_cvt (the forms
# sse_rand draws from, kept for that check).
build_x86_64() {
    gcc -m64 -static -O2 -Wall -Werror -o x87.x86_64 x87.c -lm
    for p in sse_rand sse_fault sse_fp sse_cvt; do
        gcc -m64 -static -O2 -msse2 -Wall -Wextra -Werror -o $p.x86_64 $p.c
    done
    strip x87.x86_64 sse_rand.x86_64 sse_fault.x86_64 sse_fp.x86_64 sse_cvt.x86_64
}
if [ "${1:-}" = x86_64 ]; then build_x86_64; exit 0; fi

# Freestanding string and atomic programs: no libc, no builtins turned into calls, i686 integer code only.
FREE="-m32 -static -nostdlib -ffreestanding -fno-builtin -fno-pic -fno-pie -no-pie -O1 -march=i686 -mno-sse \
  -fno-stack-protector -fcf-protection=none -fno-asynchronous-unwind-tables -Wall -Wextra -Werror"
for p in string_ops atomic; do
  gcc $FREE -o $p $p.c
  strip $p
  ./$p > $p.expected
done
# glibc's own string functions (the SSE2 versions hdbt's CPUID selects).
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

# x87 program (glibc, libm): exact groups, the transcendental groups' verbose outputs are not
# committed (compared live by the Long tests), a short random run.
gcc -m32 -static -O2 -Wall -Werror -o x87 x87.c -lm
strip x87
for g in arith unary convert compare stack env libm; do
    ./x87 $g > x87.$g.expected
done
./x87 random 20000 1 > x87.random.expected
# x87 state kept across syscalls, helper calls, code-page stores, MMX, fxsave/fnsave and mask changes.
gcc -m32 -static -O2 -Wall -Werror -o x87_state x87_state.c
strip x87_state
for g in syscall cpuid codepage mmx save masks; do
    ./x87_state $g > x87_state.$g.expected
done
# SSE/SSE2/MMX programs (glibc; every FP operation is one inline-asm instruction): program:groups.
# sse_rand has no committed output: its tests run it natively and under hdbt with the same seed.
SSE="-m32 -static -O2 -msse2 -Wall -Wextra -Werror"
for entry in "sse_fp:f32 f64 cmp" "sse_cvt:cvt approx" "sse_int:int mmx move"; do
    prog=${entry%%:*}
    groups=${entry#*:}
    gcc $SSE -o "$prog" "$prog.c"
    strip "$prog"
    for g in $groups; do
        "./$prog" "$g" > "$prog.$g.expected"
    done
done
for p in sse_fault sse_rand; do
    gcc $SSE -o $p $p.c
    strip $p
done
# Rounding modes and FP exception flags through glibc's fenv.h, built for the x87 and for SSE2.
FP="-m32 -static -O2 -fno-builtin -Wall -Wextra -Werror"
gcc $FP -mfpmath=387 -o fpround_x87 fpround.c -lm
gcc $FP -msse2 -mfpmath=sse -o fpround_sse2 fpround.c -lm
for p in fpround_x87 fpround_sse2; do
    strip $p
    ./$p > $p.expected
done
# And the x86-64 oracle builds (above).
build_x86_64
