#!/usr/bin/env bash
# build.sh -- rebuild every guest binary, check that the integer programs' own
# code uses no SSE/MMX/x87 instructions and that each floating-point kernel's
# x87 build uses x87 only and its SSE2 build SSE2 for arithmetic, regenerate the expected outputs by
# running the binaries natively, and regenerate manifest.json and
# BUILD-INFO.txt.  Needs: gcc with -m32 multilib (gcc-multilib), binutils,
# an x86 Linux host that can run i386 binaries.
#   usage: ./build.sh            (from any directory): everything
#          ./build.sh native64   only the x86-64 builds (bin/NAME.x86_64), checked against the committed
#                                i386 reference outputs, then manifest.json and BUILD-INFO.txt: needs gcc
#                                and any x86-64 Linux host, no i386 support
set -euo pipefail
cd "$(dirname "$0")"
source ./defs.sh
what=${1:-all}
case $what in all|native64) ;; *) echo "usage: $0 [native64]" >&2; exit 2 ;; esac

OBJ=$(mktemp -d)
trap 'rm -rf "$OBJ"' EXIT
mkdir -p bin tests/bin ref tests/ref
fail() { echo "build.sh: $*" >&2; exit 1; }

# ---- compile --------------------------------------------------------------
# The check is done on the object file (the program's own code only): no
# %xmm/%ymm/%mm registers and no x87 (f*) mnemonics. glibc's code that gets
# linked in is not checked here (see README: IFUNC variants use SSE).
check_obj() {
    local o=$1 simd x87
    simd=$(objdump -d "$o" | grep -cE '%[xyz]mm[0-9]|%mm[0-7]' || true)
    x87=$(objdump -d --no-show-raw-insn "$o" |
          awk -F'\t' 'NF >= 2 { split($2, a, " "); if (a[1] ~ /^f/) c++ } END { print c + 0 }')
    [ "$simd" = 0 ] || fail "$o: $simd SSE/MMX register uses"
    [ "$x87" = 0 ] || fail "$o: $x87 x87 instructions"
}

# Floating-point kernels. x87 build: no %xmm/%ymm/%mm register at all and some
# x87 arithmetic. SSE2 build: scalar SSE2 arithmetic (addsd/mulsd/...) and no
# x87 instruction except fld/fst/fstp, which the i386 ABI needs to take a
# double returned in st(0) by a libm function.
x87_ops() { # object -> x87 mnemonics, one a line
    objdump -d --no-show-raw-insn "$1" | awk -F'\t' 'NF >= 2 { split($2, a, " "); if (a[1] ~ /^f/) print a[1] }'
}
check_fp_obj() { # object x87|sse2
    local o=$1 fpu=$2 simd x87 other sse
    simd=$(objdump -d "$o" | grep -cE '%[xyz]mm[0-9]|%mm[0-7]' || true)
    x87=$(x87_ops "$o" | wc -l)
    if [ "$fpu" = x87 ]; then
        [ "$simd" = 0 ] || fail "$o: $simd SSE/MMX register uses in an x87 build"
        [ "$x87" -gt 0 ] || fail "$o: no x87 instruction in an x87 build"
    else
        other=$(x87_ops "$o" | grep -cvE '^(fld|fst|fstp)[slt]?$' || true)
        sse=$(objdump -d --no-show-raw-insn "$o" | grep -cE $'\t(add|sub|mul|div|sqrt|min|max)s[sd] ' || true)
        [ "$other" = 0 ] || fail "$o: $other x87 instructions other than fld/fst/fstp in an SSE2 build"
        [ "$sse" -gt 0 ] || fail "$o: no SSE arithmetic in an SSE2 build"
    fi
}

build_one() { # out src cflags ldflags [fpu [libs]]
    local out=$1 src=$2 cflags=$3 ldflags=$4 fpu=${5:-} libs=${6:-} o
    o=$OBJ/$(basename "$out").o
    # shellcheck disable=SC2086
    $CC $cflags -c -o "$o" "$src"
    if [ -z "$fpu" ]; then check_obj "$o"; else check_fp_obj "$o" "$fpu"; fi
    # shellcheck disable=SC2086
    $CC $ldflags -o "$out" "$o" $libs
    strip "$out"
}

build_i386() {
for k in "${KERNELS[@]}"; do
    case ${K_FPU[$k]} in
        "") build_one "bin/$k" "src/${K_SRC[$k]}.c" "$BASE_CFLAGS" "$BASE_LDFLAGS" ;;
        x87) build_one "bin/$k" "src/${K_SRC[$k]}.c" "$FP_X87_CFLAGS" "$FP_LDFLAGS" x87 "$FP_LIBS" ;;
        sse2) build_one "bin/$k" "src/${K_SRC[$k]}.c" "$FP_SSE2_CFLAGS" "$FP_LDFLAGS" sse2 "$FP_LIBS" ;;
    esac
done
for t in "${TESTS[@]}"; do
    if [ "${T_PIE[$t]}" = 1 ]; then
        build_one "tests/bin/$t" "tests/${T_SRC[$t]}.c" "$PIE_CFLAGS $TEST_EXTRA_CFLAGS" "$PIE_LDFLAGS"
    else
        build_one "tests/bin/$t" "tests/${T_SRC[$t]}.c" "$BASE_CFLAGS $TEST_EXTRA_CFLAGS" "$BASE_LDFLAGS"
    fi
done
echo "built ${#KERNELS[@]} kernels and ${#TESTS[@]} tests"

# ---- expected outputs (native runs) ----------------------------------------
# Runs happen with a minimal environment (env -i PATH=...) to show that the
# output does not depend on the caller's environment.
for k in "${KERNELS[@]}"; do
    for size in test ref; do
        if [ $size = test ]; then args=${K_TEST[$k]}; else args=${K_REF[$k]}; fi
        st=0
        # shellcheck disable=SC2086
        env -i PATH=/usr/bin:/bin "bin/$k" $args >"ref/$k.$size.out" 2>"$OBJ/err" </dev/null || st=$?
        [ $st = 0 ] || fail "bin/$k $args exited with status $st"
        [ ! -s "$OBJ/err" ] || fail "bin/$k $args wrote to stderr"
        echo "  $k $size ($args): $(wc -l <"ref/$k.$size.out") lines"
    done
done

for t in "${TESTS[@]}"; do
    eval "envs=(${T_ENV[$t]})"
    eval "args=(${T_ARGS[$t]})"
    stdin=/dev/null
    [ "${T_STDIN[$t]}" = - ] || stdin=${T_STDIN[$t]}
    st=0
    # the inner subshell absorbs bash's "Segmentation fault" style job messages
    ( env -i PATH=/usr/bin:/bin "${envs[@]}" "tests/bin/$t" "${args[@]}" \
          <"$stdin" >"tests/ref/$t.out" 2>"$OBJ/err"; r=$?; exit $r ) 2>/dev/null || st=$?
    [ "$st" = "${T_STATUS[$t]}" ] || fail "tests/bin/$t: status $st, expected ${T_STATUS[$t]}"
    [ ! -s "$OBJ/err" ] || fail "tests/bin/$t wrote to stderr"
    echo "  test $t: status $st, $(wc -l <"tests/ref/$t.out") lines"
done
}

# ---- native64: x86-64 builds of the kernels ---------------------------------------
# No ISA check here (the x86-64 calling convention passes doubles in %xmm registers even in an x87
# build): these programs are a baseline for time, not a test of an instruction set. Each build must
# print exactly the i386 reference output at both sizes, or it is not kept.
NATIVE64_MISSING=()
build_native64() {
    local k fl size args
    NATIVE64_MISSING=()
    for k in "${KERNELS[@]}"; do
        case ${K_FPU[$k]} in
            "") fl=$BASE64_CFLAGS ;;
            x87) fl=$FP_X87_64_CFLAGS ;;
            sse2) fl=$FP_SSE2_64_CFLAGS ;;
        esac
        # shellcheck disable=SC2086
        $CC $fl -c -o "$OBJ/$k.x86_64.o" "src/${K_SRC[$k]}.c"
        # shellcheck disable=SC2086
        $CC $BASE64_LDFLAGS -o "bin/$k.x86_64" "$OBJ/$k.x86_64.o" ${K_FPU[$k]:+$FP_LIBS}
        strip "bin/$k.x86_64"
        for size in test ref; do
            if [ $size = test ]; then args=${K_TEST[$k]}; else args=${K_REF[$k]}; fi
            # shellcheck disable=SC2086
            if ! env -i PATH=/usr/bin:/bin "bin/$k.x86_64" $args >"$OBJ/$k.$size.out64" 2>/dev/null </dev/null \
                    || ! cmp -s "$OBJ/$k.$size.out64" "ref/$k.$size.out"; then
                NATIVE64_MISSING+=("$k: its output at $size size differs from ref/$k.$size.out")
                rm -f "bin/$k.x86_64"
                break
            fi
        done
        [ -e "bin/$k.x86_64" ] && echo "  native64 $k: output equals the i386 reference at both sizes"
    done
    local m
    for m in "${NATIVE64_MISSING[@]}"; do echo "  native64: no build of $m (not kept)"; done
}

if [ "$what" = all ]; then build_i386; fi
build_native64

# ---- manifest.json ---------------------------------------------------------
js() { # JSON string literal (our strings contain no control characters)
    local s=${1//\\/\\\\}
    s=${s//\"/\\\"}
    printf '"%s"' "$s"
}
js_array() { # JSON array of strings from the arguments
    local first=1 a
    printf '['
    for a in "$@"; do
        [ $first = 1 ] || printf ', '
        first=0
        js "$a"
    done
    printf ']'
}

{
    echo '{'
    echo '  "schema": 1,'
    echo '  "comment": "Generated by build.sh from defs.sh; see README.md. Paths are relative to workloads/.",'
    echo '  "build_info": "BUILD-INFO.txt",'
    echo '  "workloads": ['
    n=${#KERNELS[@]}; i=0
    for k in "${KERNELS[@]}"; do
        i=$((i + 1))
        # shellcheck disable=SC2086
        ta=$(js_array ${K_TEST[$k]})
        # shellcheck disable=SC2086
        ra=$(js_array ${K_REF[$k]})
        if [ -z "${K_FPU[$k]}" ]; then cat=int; fpu=null; else cat=fp; fpu=$(js "${K_FPU[$k]}"); fi
        printf '    {"name": %s, "category": "%s", "fpu": %s, "binary": %s, "source": %s,\n' \
            "$(js "$k")" "$cat" "$fpu" "$(js "bin/$k")" "$(js "src/${K_SRC[$k]}.c")"
        printf '     "sizes": {"test": {"args": %s, "expected": %s},\n' "$ta" "$(js "ref/$k.test.out")"
        printf '               "ref": {"args": %s, "expected": %s}},\n' "$ra" "$(js "ref/$k.ref.out")"
        if [ -e "bin/$k.x86_64" ]; then b64=$(js "bin/$k.x86_64"); else b64=null; fi
        printf '     "binary64": %s, "expected_status": 0, "description": %s}' "$b64" "$(js "${K_DESC[$k]}")"
        [ $i = "$n" ] && echo || echo ','
    done
    echo '  ],'
    echo '  "tests": ['
    n=${#TESTS[@]}; i=0
    for t in "${TESTS[@]}"; do
        i=$((i + 1))
        eval "envs=(${T_ENV[$t]})"
        eval "args=(${T_ARGS[$t]})"
        envj='{' ; first=1
        for e in "${envs[@]}"; do
            [ $first = 1 ] || envj+=', '
            first=0
            envj+="$(js "${e%%=*}"): $(js "${e#*=}")"
        done
        envj+='}'
        if [ "${T_STDIN[$t]}" = - ]; then stdinj=null; else stdinj=$(js "${T_STDIN[$t]}"); fi
        if [ "${T_SIGNAL[$t]}" = 0 ]; then sigj=null; else sigj=${T_SIGNAL[$t]}; fi
        if [ "${T_PIE[$t]}" = 1 ]; then piej=true; else piej=false; fi
        if [ "${T_TMP[$t]}" = 1 ]; then tmpj=true; else tmpj=false; fi
        printf '    {"name": %s, "binary": %s, "source": %s, "pie": %s,\n' \
            "$(js "$t")" "$(js "tests/bin/$t")" "$(js "tests/${T_SRC[$t]}.c")" "$piej"
        printf '     "args": %s, "env": %s, "stdin": %s,\n' "$(js_array "${args[@]}")" "$envj" "$stdinj"
        printf '     "expected_stdout": %s, "expected_status": %s, "expected_signal": %s,\n' \
            "$(js "tests/ref/$t.out")" "${T_STATUS[$t]}" "$sigj"
        printf '     "needs_tmpdir": %s, "description": %s}' "$tmpj" "$(js "${T_DESC[$t]}")"
        [ $i = "$n" ] && echo || echo ','
    done
    echo '  ]'
    echo '}'
} >manifest.json
if command -v jq >/dev/null; then jq empty manifest.json || fail "manifest.json is not valid JSON"; fi

# ---- BUILD-INFO.txt --------------------------------------------------------
{
    echo "# Generated by build.sh. Toolchain and flags used for the binaries in bin/ and tests/bin/."
    echo "compiler:  $($CC --version | head -n1)"
    echo "binutils:  $(ld --version | head -n1)"
    if command -v dpkg-query >/dev/null; then
        echo "libc6-dev-i386: $(dpkg-query -W -f='${Version}' libc6-dev-i386 2>/dev/null || echo '?')"
    fi
    echo
    echo "kernels:      $CC $BASE_CFLAGS -c src/NAME.c; $CC $BASE_LDFLAGS -o bin/NAME NAME.o; strip bin/NAME"
    echo "fp x87:       $CC $FP_X87_CFLAGS -c src/NAME.c; $CC $FP_LDFLAGS -o bin/NAME-x87 NAME-x87.o $FP_LIBS; strip"
    echo "fp sse2:      $CC $FP_SSE2_CFLAGS -c src/NAME.c; $CC $FP_LDFLAGS -o bin/NAME-sse2 NAME-sse2.o $FP_LIBS; strip"
    echo "tests:        $CC $BASE_CFLAGS $TEST_EXTRA_CFLAGS -c tests/NAME.c; $CC $BASE_LDFLAGS -o tests/bin/NAME NAME.o; strip"
    echo "pie tests:    $CC $PIE_CFLAGS $TEST_EXTRA_CFLAGS -c tests/SRC.c; $CC $PIE_LDFLAGS -o tests/bin/NAME NAME.o; strip"
    echo "native64:     $CC $BASE64_CFLAGS -c src/NAME.c (x87 builds: $FP_X87_64_CFLAGS; sse2 builds: $FP_SSE2_64_CFLAGS);"
    echo "              $CC $BASE64_LDFLAGS -o bin/NAME.x86_64 NAME.o [-lm]; strip; kept only where the output equals"
    echo "              the i386 reference output (ref/NAME.SIZE.out) at both sizes"
    for m in "${NATIVE64_MISSING[@]}"; do echo "              no native64 build of $m"; done
    echo "check:        each integer object file has 0 %xmm/%ymm/%mm register uses and 0 x87 instructions;"
    echo "              fp x87 objects: 0 %xmm/%ymm/%mm uses, >0 x87 instructions;"
    echo "              fp sse2 objects: >0 SSE arithmetic (add/sub/mul/div/sqrt/min/max s[sd]), no x87 but fld/fst/fstp (st(0) returns of libm)"
    echo
    echo "sha256 of binaries:"
    (sha256sum bin/* tests/bin/*) | sed 's/^/  /'
} >BUILD-INFO.txt
echo "wrote manifest.json and BUILD-INFO.txt"
