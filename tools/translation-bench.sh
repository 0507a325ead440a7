#!/usr/bin/env bash
# translation-bench.sh -- what translation costs per guest instruction in a cold hdbt process (the NativeAOT
# build users run, tools/publish-hdbt.sh), on busybox's sort, gzip and awk (a static i386 program built by
# others: tools/fetch-busybox.sh) and on the static hello world: translation_seconds / guest_insns_translated
# from --stats-json, the median of every repetition. The amd64 busybox checks every output (the same Debian
# source built for x86-64 gives the same bytes). Also prints hello's whole-process wall time against
# qemu-i386's, measured interleaved in the same repetitions.
#   usage: tools/translation-bench.sh [--reps N] [--mode M] [--hdbt PATH]   (defaults: 11, tcg, the NativeAOT build)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
reps=11 mode=tcg hdbt=
while [ $# -gt 0 ]; do
    case $1 in
        --reps) reps=$2; shift 2 ;;
        --mode) mode=$2; shift 2 ;;
        --hdbt) hdbt=$2; shift 2 ;;
        -h|--help) sed -n '2,8p' "$0"; exit 0 ;;
        *) echo "translation-bench.sh: unknown argument $1 (see --help)" >&2; exit 2 ;;
    esac
done
[[ $reps =~ ^[1-9][0-9]*$ ]] || { echo "translation-bench.sh: --reps must be a positive number" >&2; exit 2; }
if [ -z "$hdbt" ]; then
    echo "building the NativeAOT hdbt (tools/publish-hdbt.sh) ..." >&2
    hdbt=$("$root/tools/publish-hdbt.sh")
    [ "$("$root/tools/publish-hdbt.sh" --kind "$hdbt")" = nativeaot ] \
        || { echo "translation-bench.sh: $hdbt is not a NativeAOT build (see publish-hdbt.sh's fallback line)" >&2; exit 1; }
fi
bb=${HDBT_BUSYBOX:-/tmp/hdbt-busybox/i386/bin/busybox} bb64=${HDBT_BUSYBOX_AMD64:-/tmp/hdbt-busybox/amd64/bin/busybox}
[ -x "$bb" ] && [ -x "$bb64" ] || { echo "translation-bench.sh: no busybox at $bb and $bb64: run tools/fetch-busybox.sh (as root)" >&2; exit 1; }
qemu=$(command -v qemu-i386 || true)
[ -n "$qemu" ] || echo "note: qemu-i386 not installed (apt-get install qemu-user): no start-up ratio" >&2

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# The input: 20000 numbered lines in a fixed shuffled order (sort sorts them, gzip compresses them, awk sums a column).
awk 'BEGIN { for (i = 0; i < 20000; i++) printf "%d line %d of the input\n", (i * 7919) % 20000, i }' >"$tmp/input"
declare -A cmd
cmd[sort]="sort $tmp/input"
cmd[gzip]="gzip -c -6 $tmp/input"
cmd[awk]="awk {s+=\$1;n++}END{print(s,n)} $tmp/input"
programs=(sort gzip awk)
for p in "${programs[@]}"; do
    # shellcheck disable=SC2086
    "$bb64" ${cmd[$p]} >"$tmp/ref.$p"
done
hello=$root/workloads/tests/bin/hello

stat() { grep -o "\"$2\": *[0-9.eE+-]*" "$1" | sed 's/.*: *//'; }
# one PROGRAM: runs it under hdbt with --stats-json, checks the output, appends µs per translated instruction
one() {
    local p=$1
    if [ "$p" = hello ]; then
        "$hdbt" --mode "$mode" --stats-json "$tmp/s.json" "$hello" >"$tmp/out" </dev/null
        cmp -s "$tmp/out" "$root/workloads/tests/ref/hello.out" || { echo "translation-bench.sh: hello: wrong output" >&2; exit 1; }
    else
        # shellcheck disable=SC2086
        "$hdbt" --mode "$mode" --stats-json "$tmp/s.json" "$bb" ${cmd[$p]} >"$tmp/out" </dev/null
        cmp -s "$tmp/out" "$tmp/ref.$p" || { echo "translation-bench.sh: busybox $p: output differs from the amd64 build's" >&2; exit 1; }
    fi
    awk -v t="$(stat "$tmp/s.json" translation_seconds)" -v n="$(stat "$tmp/s.json" guest_insns_translated)" \
        'BEGIN { printf "%.4f\n", t / n * 1e6 }' >>"$tmp/us.$p"
    stat "$tmp/s.json" guest_insns_translated >"$tmp/insns.$p"
}
# wall RUNNER: hello's whole-process wall time
wall() {
    local s e
    s=$EPOCHREALTIME
    if [ "$1" = qemu ]; then "$qemu" "$hello" >/dev/null </dev/null; else "$hdbt" --mode "$mode" "$hello" >/dev/null </dev/null; fi
    e=$EPOCHREALTIME
    awk -v s="$s" -v e="$e" 'BEGIN { printf "%.6f\n", e - s }' >>"$tmp/wall.$1"
}

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
for ((i = 1; i <= reps; i++)); do
    jobs=("one hello" "wall hdbt")
    for p in "${programs[@]}"; do jobs+=("one $p"); done
    [ -z "$qemu" ] || jobs+=("wall qemu")
    while read -r job; do $job; done < <(printf '%s\n' "${jobs[@]}" | shuf)
    echo "  rep $i/$reps done" >&2
done

median() { sort -g "$1" | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
echo "# medians of $reps interleaved runs; $(date -u +%Y-%m-%dT%H:%MZ) tools/translation-bench.sh --reps $reps --mode $mode; commit $(git -C "$root" rev-parse --short HEAD); $(nproc) cpus, load $load_before at start, $(cut -d' ' -f1-3 /proc/loadavg) at end"
echo
echo "| program | guest insns translated | translation µs / guest insn |"
echo "| --- | ---: | ---: |"
for p in "${programs[@]}" hello; do
    name=$p; [ "$p" = hello ] || name="busybox $p"
    echo "| $name | $(cat "$tmp/insns.$p") | $(median "$tmp/us.$p") |"
done
if [ -n "$qemu" ]; then
    h=$(median "$tmp/wall.hdbt") q=$(median "$tmp/wall.qemu")
    echo
    echo "hello, whole process: hdbt $(awk -v v="$h" 'BEGIN { printf "%.1f", v * 1000 }') ms, qemu-i386 $(awk -v v="$q" 'BEGIN { printf "%.1f", v * 1000 }') ms, ratio $(awk -v a="$h" -v b="$q" 'BEGIN { printf "%.2f", a / b }')"
fi
