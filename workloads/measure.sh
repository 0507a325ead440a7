#!/usr/bin/env bash
# measure.sh -- time every kernel at both sizes: median of N runs (default 3)
# of wall-clock time and of CPU time (perf task-clock if perf works, else
# GNU time user+sys), optionally under a runner. CPU time is the more robust
# number on a loaded machine.
#   usage: ./measure.sh [-n RUNS] [-k KERNEL] [RUNNER [RUNNER-ARGS...]] > TIMES.txt
# A RUNNER spelled "hdbt" means the build that tools/publish-hdbt.sh makes (NativeAOT, or its ReadyToRun
# fallback; remade when outdated), e.g. ./measure.sh hdbt --mode interp; give a path to time another build.
set -euo pipefail
cd "$(dirname "$0")"
source ./defs.sh
runs=3
only=
while :; do
    case ${1:-} in
        -n) runs=$2; shift 2 ;;
        -k) only=$2; shift 2 ;;
        *) break ;;
    esac
done
runner=("$@")
[ "${runner[0]:-}" != hdbt ] || runner[0]=$(../tools/publish-hdbt.sh)
tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT
if perf stat -x, -e task-clock -o "$tmp" true 2>/dev/null; then cpu_tool=perf; else cpu_tool=time; fi
median() { sort -g | sed -n "$(( (runs + 1) / 2 ))p"; }
echo "# median of $runs runs, milliseconds: wall / cpu ($cpu_tool); runner: ${runner[*]:-native}"
echo "# host: $(uname -m), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //'), $(nproc) cpus, load avg at start: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-12s %-16s %8s %8s   %-16s %8s %8s\n' kernel "test args" wall cpu "ref args" wall cpu
for k in "${KERNELS[@]}"; do
    [ -z "$only" ] || [ "$only" = "$k" ] || continue
    line=()
    for size in test ref; do
        if [ "$size" = test ]; then args=${K_TEST[$k]}; else args=${K_REF[$k]}; fi
        walls=() cpus=()
        for _ in $(seq "$runs"); do
            s=${EPOCHREALTIME/./}
            if [ $cpu_tool = perf ]; then
                # shellcheck disable=SC2086
                perf stat -x, -e task-clock -o "$tmp" "${runner[@]}" "bin/$k" $args >/dev/null
                e=${EPOCHREALTIME/./}
                cpus+=("$(awk -F, '$3 == "task-clock" { printf "%.1f", $1 }' "$tmp")")
            else
                # shellcheck disable=SC2086
                /usr/bin/time -f '%U %S' -o "$tmp" "${runner[@]}" "bin/$k" $args >/dev/null
                e=${EPOCHREALTIME/./}
                cpus+=("$(awk '{ printf "%.1f", ($1 + $2) * 1000 }' "$tmp")")
            fi
            walls+=("$(awk -v d=$((e - s)) 'BEGIN { printf "%.1f", d / 1000 }')")
        done
        line+=("$args" "$(printf '%s\n' "${walls[@]}" | median)" "$(printf '%s\n' "${cpus[@]}" | median)")
    done
    printf '%-12s %-16s %8s %8s   %-16s %8s %8s\n' "$k" "${line[@]}"
done
