#!/usr/bin/env bash
# startup-bench.sh -- what a short guest program costs in each build of hdbt, against qemu-i386: the static hello
# world (workloads/tests/bin/hello) and the sha1 workload at its test size, run by the plain build
# (emulator/bin/Release/net10.0/hdbt, jitted at start-up), the ReadyToRun build, the NativeAOT build (the one
# users run) and qemu-i386. Every repetition runs each (runner, program) pair twice in a fresh random order: once
# timed whole (wall time and user + system CPU time, no --stats-json, so that writing the JSON is not timed) and,
# for hdbt, once with --stats-json for its startup_seconds counter (process start to the first guest instruction).
# Prints the median of each in a markdown table, with the ratios to qemu-i386's whole-process wall time. Every
# output is checked. The medians are what to quote: a shared 2-core machine stretches single runs by tens of
# percent (CPU time is the steadier figure there; wall time includes waiting for a core).
#   usage: tools/startup-bench.sh [--reps N] [--mode M]     (defaults: 15 repetitions, --mode tcg)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
reps=15 mode=tcg
while [ $# -gt 0 ]; do
    case $1 in
        --reps) reps=$2; shift 2 ;;
        --mode) mode=$2; shift 2 ;;
        -h|--help) sed -n '2,10p' "$0"; exit 0 ;;
        *) echo "startup-bench.sh: unknown argument $1 (see --help)" >&2; exit 2 ;;
    esac
done
[[ $reps =~ ^[1-9][0-9]*$ ]] || { echo "startup-bench.sh: --reps must be a positive number" >&2; exit 2; }

echo "building: plain (dotnet build), ReadyToRun and NativeAOT (tools/publish-hdbt.sh) ..." >&2
dotnet build "$root/emulator/Hdbt.csproj" -c Release -v q -nologo >&2
declare -A exe
exe[plain]=$root/emulator/bin/Release/net10.0/hdbt
exe[readytorun]=$("$root/tools/publish-hdbt.sh" --readytorun)
exe[nativeaot]=$("$root/tools/publish-hdbt.sh")
for b in plain readytorun nativeaot; do
    k=$("$root/tools/publish-hdbt.sh" --kind "${exe[$b]}")
    [ "$k" = "${b/plain/jit}" ] || { echo "startup-bench.sh: ${exe[$b]} is a $k build, not $b (see publish-hdbt.sh's fallback line)" >&2; exit 1; }
done
runners=(plain readytorun nativeaot)
qemu=$(command -v qemu-i386 || true)
if [ -n "$qemu" ]; then runners+=(qemu); else echo "note: qemu-i386 not installed (apt-get install qemu-user): no qemu column" >&2; fi

w=$root/workloads
declare -A prog args ref
prog[hello]=$w/tests/bin/hello; args[hello]=""; ref[hello]=$w/tests/ref/hello.out
prog[sha1]=$w/bin/sha1; args[sha1]=1024; ref[sha1]=$w/ref/sha1.test.out
programs=(hello sha1)

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# child_cpu -> user + system CPU seconds of every child this shell has waited for (the second line of `times`,
# which must run in this shell itself: in a $(...) subshell it would count that subshell's children)
child_cpu() { times >"$tmp/times"; sed -n 2p "$tmp/times" | awk '{ n = 0; for (i = 1; i <= 2; i++) { split($i, a, "m"); n += a[1] * 60 + a[2] } printf "%.6f", n }'; }

# one RUNNER PROGRAM [stats] -> appends the wall and CPU time (or hdbt's startup_seconds) to
# $tmp/{wall,cpu,startup}.RUNNER.PROGRAM
one() {
    local r=$1 p=$2 stats=${3:-} cmd s e c0 c1
    case $r in qemu) cmd=("$qemu") ;; *) cmd=("${exe[$r]}" --mode "$mode") ;; esac
    [ -z "$stats" ] || cmd+=(--stats-json "$tmp/stats.json")
    child_cpu >"$tmp/c0"
    s=$EPOCHREALTIME
    # shellcheck disable=SC2086
    "${cmd[@]}" "${prog[$p]}" ${args[$p]} >"$tmp/out" 2>"$tmp/err" </dev/null || { echo "startup-bench.sh: $r $p failed: $(head -c 200 "$tmp/err")" >&2; exit 1; }
    e=$EPOCHREALTIME
    child_cpu >"$tmp/c1"; c0=$(<"$tmp/c0"); c1=$(<"$tmp/c1")
    cmp -s "$tmp/out" "${ref[$p]}" || { echo "startup-bench.sh: $r $p: output differs from ${ref[$p]}" >&2; exit 1; }
    if [ -n "$stats" ]; then
        grep -o '"startup_seconds": *[0-9.eE+-]*' "$tmp/stats.json" | sed 's/.*: *//' >>"$tmp/startup.$r.$p"
    else
        awk -v s="$s" -v e="$e" 'BEGIN { printf "%.6f\n", e - s }' >>"$tmp/wall.$r.$p"
        awk -v s="$c0" -v e="$c1" 'BEGIN { printf "%.6f\n", e - s }' >>"$tmp/cpu.$r.$p"
    fi
}

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
for ((i = 1; i <= reps; i++)); do
    jobs=()
    for r in "${runners[@]}"; do
        for p in "${programs[@]}"; do
            jobs+=("$r $p")
            [ "$r" = qemu ] || jobs+=("$r $p stats")
        done
    done
    while read -r job; do
        # shellcheck disable=SC2086
        one $job
    done < <(printf '%s\n' "${jobs[@]}" | shuf)
    echo "  rep $i/$reps done" >&2
done

median() { [ -s "$1" ] || { echo -; return; }; sort -g "$1" | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
fmt() { awk -v v="$1" -v d="$2" 'BEGIN { print v == "-" ? "-" : sprintf("%." d "f", v) }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { print (a == "-" || b == "-" || b <= 0) ? "-" : sprintf("%.2f", a / b) }'; }

echo "# medians of $reps interleaved runs each; $(date -u +%Y-%m-%dT%H:%MZ) tools/startup-bench.sh --reps $reps --mode $mode; commit $(git -C "$root" rev-parse --short HEAD); host $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(nproc) cpus, load $load_before at start, $(cut -d' ' -f1-3 /proc/loadavg) at end"
echo
echo "| program | runner | wall s | CPU s | start-up s | wall / qemu wall | start-up / qemu wall |"
echo "| --- | --- | ---: | ---: | ---: | ---: | ---: |"
for p in "${programs[@]}"; do
    q=$(median "$tmp/wall.qemu.$p")
    for r in "${runners[@]}"; do
        wm=$(median "$tmp/wall.$r.$p"); cm=$(median "$tmp/cpu.$r.$p"); sm=$(median "$tmp/startup.$r.$p")
        name=$r; [ "$r" = qemu ] || name="hdbt $r"
        echo "| $p${args[$p]:+ ${args[$p]}} | $name | $(fmt "$wm" 3) | $(fmt "$cm" 3) | $(fmt "$sm" 3) | $(ratio "$wm" "$q") | $(ratio "$sm" "$q") |"
    done
done
