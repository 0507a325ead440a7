#!/usr/bin/env bash
# compare.sh -- side-by-side whole-process timing of the workloads: natively, under qemu-i386
# (when installed) and under hdbt in one mode, interleaved per repetition so drift hits all three
# alike. Prints the median wall time of each, the ratios, and hdbt's guest instructions per second.
# Every run's output is checked against the reference; a wrong run is reported, not timed, and
# makes the script exit 1.
#   usage: ./compare.sh [--mode MODE] [--size test|ref] [--reps N] [--hdbt PATH] [KERNEL...]
#   e.g.   ./compare.sh --mode interp --size ref --reps 3
# hdbt defaults to a Release build made by this script (dotnet build -c Release).
set -euo pipefail
cd "$(dirname "$0")"
source ./defs.sh

mode=interp size=ref reps=3 hdbt=""
while [ $# -gt 0 ]; do
    case $1 in
        --mode) mode=$2; shift 2 ;;
        --size) size=$2; shift 2 ;;
        --reps) reps=$2; shift 2 ;;
        --hdbt) hdbt=$2; shift 2 ;;
        -h|--help) sed -n '2,9p' "$0"; exit 0 ;;
        -*) echo "compare.sh: unknown option $1" >&2; exit 2 ;;
        *) break ;;
    esac
done
kernels=("$@")
[ ${#kernels[@]} -gt 0 ] || kernels=("${KERNELS[@]}")
if [ -z "$hdbt" ]; then
    dotnet build ../emulator/Hdbt.csproj -c Release -v q -nologo >/dev/null
    hdbt=../emulator/bin/Release/net10.0/hdbt
fi
qemu=$(command -v qemu-i386 || true)
[ -n "$qemu" ] || echo "note: qemu-i386 not installed (apt-get install qemu-user); its column is left empty" >&2

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
TIMEFORMAT=%R

wrong_runs=0
wrong() { echo "WRONG $*" >&2; wrong_runs=$((wrong_runs + 1)); }

# run LABEL KERNEL COMMAND... -> appends the wall time to $tmp/LABEL.KERNEL, or reports a wrong run
run() {
    local label=$1 k=$2; shift 2
    local t
    # shellcheck disable=SC2086
    t=$( { time "$@" bin/$k $args >"$tmp/out" 2>"$tmp/err" </dev/null; } 2>&1 ) || { wrong "$label $k: exit status $? ($(head -c 200 "$tmp/err"))"; return; }
    if cmp -s "$tmp/out" "ref/$k.$size.out"; then echo "$t" >>"$tmp/$label.$k"; else wrong "$label $k: output differs from ref/$k.$size.out"; fi
}

median() { sort -g "$1" 2>/dev/null | awk '{ v[NR] = $1 } END { if (NR == 0) print "-"; else if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

echo "# $(date -u +%Y-%m-%dT%H:%MZ) mode=$mode size=$size reps=$reps host=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
for k in "${kernels[@]}"; do
    if [ "$size" = test ]; then args=${K_TEST[$k]}; else args=${K_REF[$k]}; fi
    for ((r = 1; r <= reps; r++)); do
        run native "$k"
        [ -z "$qemu" ] || run qemu "$k" "$qemu"
        run hdbt "$k" "$hdbt" --mode "$mode" --stats-json "$tmp/stats.$k.json"
        echo "  $k rep $r/$reps done" >&2
    done
done

printf "%-12s %10s %10s %10s %12s %12s %14s\n" workload native_s qemu_s hdbt_s hdbt/native hdbt/qemu guest_insn/s
: >"$tmp/ratios"
for k in "${kernels[@]}"; do
    n=$(median "$tmp/native.$k"); q=$(median "$tmp/qemu.$k"); h=$(median "$tmp/hdbt.$k")
    insns=$(grep -o '"guest_insns_executed": *[0-9]*' "$tmp/stats.$k.json" 2>/dev/null | grep -o '[0-9]*$' || echo 0)
    awk -v k="$k" -v n="$n" -v q="$q" -v h="$h" -v i="$insns" 'BEGIN {
        rn = (n != "-" && h != "-" && n > 0) ? sprintf("%.1f", h / n) : "-";
        rq = (q != "-" && h != "-" && q > 0) ? sprintf("%.2f", h / q) : "-";
        ips = (h != "-" && h > 0 && i > 0) ? sprintf("%.3g", i / h) : "-";
        printf "%-12s %10s %10s %10s %12s %12s %14s\n", k, n, q, h, rn, rq, ips
        if (rn != "-") print rn, (rq == "-" ? "" : rq) >> "'"$tmp/ratios"'" }'
done
awk '{ if ($1 > 0) { ln += log($1); nn++ } if ($2 > 0) { lq += log($2); nq++ } }
     END { printf "%-12s %10s %10s %10s %12s %12s\n", "geomean", "", "", "", nn ? sprintf("%.1f", exp(ln / nn)) : "-", nq ? sprintf("%.2f", exp(lq / nq)) : "-" }' "$tmp/ratios"
if [ "$wrong_runs" -gt 0 ]; then echo "$wrong_runs wrong run(s): see the WRONG lines above; they are not in the medians" >&2; exit 1; fi
