#!/usr/bin/env bash
# verify.sh -- run every workload and test (optionally under a runner such as
# qemu-i386 or the hdbt emulator) and compare stdout and exit status with the
# expected outputs recorded by build.sh.
#   usage: ./verify.sh [--sizes test|ref|all] [RUNNER [RUNNER-ARGS...]]
#   e.g.   ./verify.sh                       native, test sizes + all tests
#          ./verify.sh --sizes all qemu-i386
# stderr is not compared (qemu, for instance, reports fatal signals there).
# Without a RUNNER it asks hdbt --host-info (host.sh) whether this host's kernel executes i386
# programs. Where it does not, nothing can run natively, and verify.sh says so and does the next
# best thing: the integer kernels and the tests under qemu-i386, which is exact on integer code
# (it matched the CPU on every integer suite of the project's differential tests), and the
# floating-point kernels SKIPped, since qemu-i386's x87 and SSE arithmetic is not exact (a
# mismatch there would say nothing about the binary). Without qemu-i386 it stops (exit 2).
# hdbt is $HDBT, or the build tools/publish-hdbt.sh makes (remade when outdated).
set -uo pipefail
cd "$(dirname "$0")"
source ./defs.sh
source ./host.sh

sizes=test
if [ "${1:-}" = --sizes ]; then sizes=$2; shift 2; fi
runner=("$@")
case $sizes in test) sz=(test) ;; ref) sz=(ref) ;; all) sz=(test ref) ;; *) echo "bad --sizes" >&2; exit 2 ;; esac
skip_fp=""
if [ ${#runner[@]} -eq 0 ]; then
    hdbt=${HDBT:-$(../tools/publish-hdbt.sh)} || exit 2
    host_info "$hdbt" verify.sh || exit 2
    if [ "$HOST_I386_EXEC" != yes ]; then
        qemu=$(command -v qemu-i386) || {
            echo "verify.sh: no native run here: $NO_NATIVE_REASON, and qemu-i386, the stand-in for the integer programs, is not installed (apt-get install qemu-user); or give a RUNNER" >&2
            exit 2
        }
        echo "note: native: skipped: $NO_NATIVE_REASON; the integer kernels and the tests run under $qemu instead (exact on integer code), the floating-point kernels are skipped (qemu-i386's x87 and SSE results are not exact)"
        runner=("$qemu")
        skip_fp="qemu-i386 is not exact on x87/SSE, and $NO_NATIVE_REASON"
    fi
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0 failn=0 skipn=0
result() { # ok name detail
    if [ "$1" = 1 ]; then pass=$((pass + 1)); echo "PASS $2"; else failn=$((failn + 1)); echo "FAIL $2: $3"; fi
}

for k in "${KERNELS[@]}"; do
    for size in "${sz[@]}"; do
        if [ -n "$skip_fp" ] && [ -n "${K_FPU[$k]}" ]; then skipn=$((skipn + 1)); echo "SKIP $k.$size: $skip_fp"; continue; fi
        if [ "$size" = test ]; then args=${K_TEST[$k]}; else args=${K_REF[$k]}; fi
        st=0
        # shellcheck disable=SC2086
        ( env -i PATH=/usr/bin:/bin "${runner[@]}" "bin/$k" $args </dev/null >"$tmp/out" 2>"$tmp/err"; r=$?; exit $r ) 2>/dev/null || st=$?
        if [ "$st" != 0 ]; then result 0 "$k.$size" "status $st"
        elif ! cmp -s "$tmp/out" "ref/$k.$size.out"; then result 0 "$k.$size" "stdout differs: $(diff "ref/$k.$size.out" "$tmp/out" | head -n 3 | tr '\n' ' ')"
        else result 1 "$k.$size" ""; fi
    done
done

for t in "${TESTS[@]}"; do
    eval "envs=(${T_ENV[$t]})"
    eval "args=(${T_ARGS[$t]})"
    stdin=/dev/null
    [ "${T_STDIN[$t]}" = - ] || stdin=${T_STDIN[$t]}
    st=0
    ( env -i PATH=/usr/bin:/bin "${envs[@]}" "${runner[@]}" "tests/bin/$t" "${args[@]}" \
          <"$stdin" >"$tmp/out" 2>"$tmp/err"; r=$?; exit $r ) 2>/dev/null || st=$?
    if [ "$st" != "${T_STATUS[$t]}" ]; then result 0 "test $t" "status $st, expected ${T_STATUS[$t]}"
    elif ! cmp -s "$tmp/out" "tests/ref/$t.out"; then result 0 "test $t" "stdout differs: $(diff "tests/ref/$t.out" "$tmp/out" | head -n 3 | tr '\n' ' ')"
    else result 1 "test $t" ""; fi
done
echo "$pass passed, $failn failed$([ "$skipn" = 0 ] || echo ", $skipn skipped (no exact stand-in for the CPU here: see the note above)")"
[ "$failn" = 0 ]
