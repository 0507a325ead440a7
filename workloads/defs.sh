# defs.sh -- single source of truth for the workload and test tables.
# Sourced (bash) by build.sh, verify.sh and measure.sh; manifest.json is
# generated from these tables by build.sh. Do not edit manifest.json by hand.

# ---- compiler flags -------------------------------------------------------
CC=${CC:-gcc}
# -march=i686 is also this gcc's default for -m32; spelled out so that the
# generated code never contains SSE/MMX (checked per object file by build.sh).
BASE_CFLAGS="-m32 -O2 -march=i686 -fno-pie"
BASE_LDFLAGS="-m32 -static -no-pie"
# tests: -fno-builtin so that string/memory/printf calls really reach glibc
TEST_EXTRA_CFLAGS="-fno-builtin"
PIE_CFLAGS="-m32 -O2 -march=i686 -fpie"
PIE_LDFLAGS="-m32 -static-pie"
# floating-point kernels: each source is built twice, x87 arithmetic (gcc's
# default for -m32) and SSE2 scalar arithmetic; both link libm.
FP_X87_CFLAGS="$BASE_CFLAGS"
FP_SSE2_CFLAGS="$BASE_CFLAGS -msse2 -mfpmath=sse"
FP_LDFLAGS="$BASE_LDFLAGS"
FP_LIBS="-lm"
# native64: the same kernel sources built as static x86-64 programs, the physical-limit baseline row of
# the harness on hosts whose kernel runs no i386 programs. The same flags but -m64 for -m32; -march=i686
# names no 64-bit CPU, so x86-64's baseline ISA stands in for it; the x87 builds keep x87 arithmetic
# (-mfpmath=387; SSE2 is x86-64's default). A build is kept only where its output equals the i386
# reference output at both sizes (build.sh checks; BUILD-INFO.txt lists the rest and why).
BASE64_CFLAGS="-m64 -O2 -fno-pie"
FP_X87_64_CFLAGS="$BASE64_CFLAGS -mfpmath=387"
FP_SSE2_64_CFLAGS="$BASE64_CFLAGS"
BASE64_LDFLAGS="-m64 -static -no-pie"

# ---- integer kernels ------------------------------------------------------
# kernel NAME "TEST ARGS" "REF ARGS" "DESCRIPTION"
KERNELS=()
declare -A K_TEST K_REF K_DESC
# K_SRC: source base name (src/K_SRC.c); K_FPU: "" for integer kernels, x87 or sse2 for FP builds
declare -A K_SRC K_FPU
kernel() { KERNELS+=("$1"); K_TEST[$1]=$2; K_REF[$1]=$3; K_DESC[$1]=$4; K_SRC[$1]=$1; K_FPU[$1]=""; }
# fpkernel NAME "TEST ARGS" "REF ARGS" "DESCRIPTION": two kernels, NAME-x87 and NAME-sse2, from src/NAME.c
fpkernel() {
    local f
    for f in x87 sse2; do
        KERNELS+=("$1-$f"); K_TEST[$1-$f]=$2; K_REF[$1-$f]=$3; K_DESC[$1-$f]="$4 [$f build]"
        K_SRC[$1-$f]=$1; K_FPU[$1-$f]=$f
    done
}

kernel sha1        "1024"            "65536 6"          "SHA-1 over LCG-generated data (KiB per round, rounds); known-answer self test first"
kernel crc32       "1024"            "16384 12"         "table-driven CRC-32, byte-wise and 4-table sliced, over LCG data (KiB per round, rounds)"
kernel sieve       "1000000"         "20000000 15"      "Sieve of Eratosthenes on a byte array, repeated, cross-checked by a segmented odd-only bit sieve (limit, repeats)"
kernel quicksort   "100000 4"        "1000000 40"       "hand-written quicksort on LCG int32 data in 4 distributions, plus record sort via function pointer (n, rounds)"
kernel bytecode    "1000 4"          "100000 7"         "stack-VM interpreter, switch and computed-goto dispatch: Collatz 1..N, CALL/RET hash, recursive fib (N, repeats)"
kernel binarytrees "10"              "17"               "allocate/walk/free many binary trees with malloc/free (max depth)"
kernel lz          "256 1"           "1024 36"          "LZ77 compressor (hash chains, lazy matching) + decompressor with round-trip check (KiB, rounds)"
kernel wordfreq    "100000"          "9000000 50000"    "word counting in a string-keyed chained hash table over generated text, merge sort of results (words, vocabulary)"
kernel fannkuch    "8"               "10 6"             "fannkuch-redux permutation flipping (n, repeats)"
kernel nqueens     "9"               "14"               "N-queens: recursive array backtracker + bitmask solver, must agree (n)"

# ---- floating-point kernels (category "fp") ---------------------------------
fpkernel nbody        "4000"            "12000000"         "five-body gravitational simulation, symplectic Euler, double (steps)"
fpkernel spectralnorm "150"             "4500"             "spectral norm of the infinite matrix 1/((i+j)(i+j+1)/2+i+1) by power iteration, division heavy (n)"
fpkernel mandelbrot   "160"             "2000 4"           "Mandelbrot set on an n x n grid, 50 iterations, bitmap hash + escape sum (n, repeats)"
fpkernel matmul       "96"              "640 8"            "cache-blocked dense double matrix multiply, checked against the naive loop (n, repeats)"
fpkernel jacobi       "64 60"           "500 2000"         "Jacobi sweeps of a five-point Poisson stencil on an n x n grid (n, sweeps)"
fpkernel fft          "12"              "18 50"            "radix-2 complex FFT forward + inverse with round-trip and direct-DFT checks (log2 n, repeats)"
fpkernel blackscholes "2000"            "1200000"          "Black-Scholes call/put pricing (log, exp, sqrt, erfc), implied vol by bisection, pow/atan2/sin/cos/tanh/cbrt table (options, repeats)"

# ---- tests ----------------------------------------------------------------
# tst NAME SOURCE STATUS SIGNAL NEEDS_TMPDIR STDIN PIE DESCRIPTION [--env K=V ...] [-- ARGS...]
#   STATUS: expected shell-style exit status (128+signal if killed by a signal)
#   SIGNAL: terminating signal number, or 0 for a normal exit
#   STDIN:  file (relative to workloads/) to connect to stdin, or "-" for none
#   PIE:    1 to build as -static-pie (ET_DYN), else 0
TESTS=()
declare -A T_SRC T_STATUS T_SIGNAL T_TMP T_STDIN T_PIE T_DESC T_ENV T_ARGS
tst() {
    local n=$1
    TESTS+=("$n"); T_SRC[$n]=$2; T_STATUS[$n]=$3; T_SIGNAL[$n]=$4; T_TMP[$n]=$5
    T_STDIN[$n]=$6; T_PIE[$n]=$7; T_DESC[$n]=$8
    shift 8
    local env=() args=()
    while [ $# -gt 0 ]; do
        case $1 in
            --env) env+=("$2"); shift 2 ;;
            --) shift; args=("$@"); break ;;
            *) echo "tst $n: bad argument $1" >&2; return 1 ;;
        esac
    done
    T_ENV[$n]=$(printf '%q ' "${env[@]}")
    T_ARGS[$n]=$(printf '%q ' "${args[@]}")
    [ ${#env[@]} -eq 0 ] && T_ENV[$n]=""
    [ ${#args[@]} -eq 0 ] && T_ARGS[$n]=""
    return 0
}

tst hello        hello        0   0 0 - 0 "prints hello, world"
tst hello_pie    hello        0   0 0 - 1 "hello.c built with -static-pie (ET_DYN, self-relocating)"
tst exitcode     exitcode     42  0 0 - 0 "prints a line and calls exit(42)"
tst argv_envp    argv_envp    0   0 0 - 0 "prints argc, argv[1..] (argv[0] basename only), HDBT_TEST_VAR/HDBT_TEST_VAR2 via getenv and envp, getauxval(AT_PAGESZ)" \
    --env HDBT_TEST_VAR=hello-env --env HDBT_TEST_VAR2=42 -- one "two words" "" "x=y" --flag
tst stdin_wc     stdin_wc     0   0 0 tests/data/stdin_wc.in 0 "wc-like line/word/byte counts and CRC-32 of stdin"
tst files        files        0   0 1 - 0 "open/read/write/lseek/pread/pwrite/ftruncate/fstat/dup/O_APPEND/stdio/rename/access/mkdir/rmdir/unlink in a mkdtemp scratch dir"
tst dirlist      dirlist      0   0 1 - 0 "creates files in a mkdtemp dir, lists them with opendir/readdir (getdents64), sorts, prints, cleans up"
tst mallocstress mallocstress 0   0 0 - 0 "malloc/calloc/realloc/free of varied sizes incl. mmap-sized chunks, pattern verification"
tst qsort        qsort        0   0 0 - 0 "libc qsort on ints, strings and structs; bsearch"
tst setjmp       setjmp       0   0 0 - 0 "setjmp/longjmp incl. nested buffers, out of deep recursion, sigsetjmp"
tst printf_int   printf_int   0   0 0 - 0 "printf integer conversions, flags, widths, precisions, length modifiers, %n, snprintf, sscanf, strtol"
tst strings      strings      0   0 0 - 0 "glibc string/memory functions vs. naive references over alignments/lengths, page-edge strings"
tst time         time         0   0 0 - 0 "time/gettimeofday/clock_gettime/clock_getres sanity (prints only ok/BAD)"
tst abort        abort        134 6 0 - 0 "prints and flushes a line, then abort(): killed by SIGABRT"
tst divzero      divzero      136 8 0 - 0 "integer division by zero: killed by SIGFPE"
tst segv         segv         139 11 0 - 0 "store to address 0x10: killed by SIGSEGV"
