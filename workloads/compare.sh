#!/usr/bin/env bash
# compare.sh -- side-by-side whole-process timing of the workloads: natively, under qemu-i386 (when
# installed) and under hdbt in one or more modes. Every repetition runs each of them once, in a fresh
# random order, so drift and other load on the machine hit all alike. Prints per workload the median
# wall time of each, the ratios hdbt-mode/native and hdbt-mode/qemu, and at the bottom their geometric
# mean and maximum; then per mode the figures hdbt's --stats-json gives: start-up time, translation
# cost per translated guest instruction, guest instructions per second of guest run time.
# Every run's output is checked against the reference; a wrong run is reported, not timed, and makes
# the script exit 1. Whether the native column can exist is hdbt's call (hdbt --host-info, host.sh):
# on a host whose kernel does not execute i386 programs it is left empty ("-", and so are the ratios
# to it), with a note on stderr and in the header; qemu-i386 stays the peer column.
#   usage: ./compare.sh [--modes M[,M...]] [--size test|ref] [--reps N] [--hdbt PATH] [--markdown] [KERNEL...]
#   e.g.   ./compare.sh --modes tcg,interp --size ref --reps 5 --markdown
#   --mode M is the same as --modes M. Defaults: --modes interp, --size ref, --reps 5 (3 for test).
# hdbt defaults to the NativeAOT binary that tools/publish-hdbt.sh makes (and remakes when outdated), the one users
# run; where NativeAOT cannot be built there, that script falls back to its ReadyToRun build and says why. The header
# names the build timed (build=nativeaot|readytorun|jit), with a note when it is not NativeAOT.
set -euo pipefail
cd "$(dirname "$0")"
source ./defs.sh
source ./host.sh

modes=interp size=ref reps="" hdbt="" markdown=0
while [ $# -gt 0 ]; do
    case $1 in
        --mode|--modes) modes=$2; shift 2 ;;
        --size) size=$2; shift 2 ;;
        --reps) reps=$2; shift 2 ;;
        --hdbt) hdbt=$(cd "$OLDPWD" && readlink -f -- "$2"); shift 2 ;;  # relative to where compare.sh was called from
        --markdown) markdown=1; shift ;;
        -h|--help) sed -n '2,15p' "$0"; exit 0 ;;
        -*) echo "compare.sh: unknown option $1" >&2; exit 2 ;;
        *) break ;;
    esac
done
case $size in test|ref) ;; *) echo "compare.sh: --size must be test or ref" >&2; exit 2 ;; esac
[ -n "$reps" ] || { [ "$size" = ref ] && reps=5 || reps=3; }
[[ $reps =~ ^[1-9][0-9]*$ ]] || { echo "compare.sh: --reps must be a positive number" >&2; exit 2; }
IFS=, read -r -a mode_list <<<"$modes"
mapfile -t mode_list < <(printf '%s\n' "${mode_list[@]}" | awk 'NF && !seen[$0]++')
[ ${#mode_list[@]} -gt 0 ] || { echo "compare.sh: --modes is empty" >&2; exit 2; }
kernels=("$@")
[ ${#kernels[@]} -gt 0 ] || kernels=("${KERNELS[@]}")
for k in "${kernels[@]}"; do [ -n "${K_REF[$k]+x}" ] || { echo "compare.sh: unknown kernel $k" >&2; exit 2; }; done
[ -n "$hdbt" ] || hdbt=$(../tools/publish-hdbt.sh)
built=$("$hdbt" --list-modes)
for m in "${mode_list[@]}"; do
    grep -qx "$m" <<<"$built" || { echo "compare.sh: this hdbt has no mode $m (it has: $(echo $built))" >&2; exit 2; }
done
host_info "$hdbt" compare.sh || exit 2
build=$(../tools/publish-hdbt.sh --kind "$hdbt")
build_note=""
if [ "$build" != nativeaot ]; then
    build_note="hdbt is the $build build, not the NativeAOT binary users run: its start-up, and so every short run, takes longer"
    echo "note: $build_note" >&2
fi
native_note=""
if [ "$HOST_I386_EXEC" != yes ]; then
    native_note="native: skipped: $NO_NATIVE_REASON; the native column and the ratios to it are left empty"
    echo "note: $native_note" >&2
fi
qemu=$(command -v qemu-i386 || true)
[ -n "$qemu" ] || echo "note: qemu-i386 not installed (apt-get install qemu-user); its column is left empty" >&2

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
TIMEFORMAT=%R

wrong_runs=0
wrong() { echo "WRONG $*" >&2; wrong_runs=$((wrong_runs + 1)); }

# json_num FILE KEY -> the number, or nothing when the key is missing (older hdbt, other mode)
json_num() { grep -o "\"$2\": *[-0-9.eE+]*" "$1" 2>/dev/null | head -1 | sed 's/.*: *//' || true; }

# run LABEL KERNEL COMMAND... -> appends the wall time to $tmp/LABEL.KERNEL, or reports a wrong run
run() {
    local label=$1 k=$2; shift 2
    local t
    # shellcheck disable=SC2086
    t=$( { time "$@" bin/$k $args >"$tmp/out" 2>"$tmp/err" </dev/null; } 2>&1 ) || { wrong "$label $k: exit status $? ($(head -c 200 "$tmp/err"))"; return 1; }
    if cmp -s "$tmp/out" "ref/$k.$size.out"; then echo "$t" >>"$tmp/$label.$k"; else wrong "$label $k: output differs from ref/$k.$size.out"; return 1; fi
}

# run_hdbt MODE KERNEL -> a timed run plus its statistics (start-up, translation cost, speed) per repetition
run_hdbt() {
    local m=$1 k=$2 j="$tmp/stats.json"
    rm -f "$j"
    run "$m" "$k" "$hdbt" --mode "$m" --stats-json "$j" || return 0
    local su tr ti ex ie
    su=$(json_num "$j" startup_seconds); tr=$(json_num "$j" translation_seconds)
    ti=$(json_num "$j" guest_insns_translated); ex=$(json_num "$j" execution_seconds); ie=$(json_num "$j" guest_insns_executed)
    [ -z "$su" ] || echo "$su" >>"$tmp/startup.$m.$k"
    awk -v t="$tr" -v n="$ti" 'BEGIN { if (t != "" && n > 0) print t / n * 1e9 }' >>"$tmp/xlate.$m.$k"
    awk -v e="$ex" -v n="$ie" 'BEGIN { if (e > 0 && n > 0) print n / e }' >>"$tmp/ips.$m.$k"
}

fmt_s() { awk -v v="$1" 'BEGIN { print v == "-" ? "-" : sprintf("%.3f", v) }'; }
median() { [ -s "$1" ] || { echo -; return 0; }; sort -g "$1" | awk '{ v[NR] = $1 } END { if (NR == 0) print "-"; else if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

runners=()
[ -n "$native_note" ] || runners+=(native)
[ -z "$qemu" ] || runners+=(qemu)
for m in "${mode_list[@]}"; do runners+=("hdbt:$m"); done

header="# $(date -u +%Y-%m-%dT%H:%MZ) modes=$modes size=$size reps=$reps hdbt=$hdbt build=$build${build_note:+ ($build_note)} host=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(nproc) cpus, load $(cut -d' ' -f1-3 /proc/loadavg)${native_note:+; $native_note}"
for k in "${kernels[@]}"; do
    if [ "$size" = test ]; then args=${K_TEST[$k]}; else args=${K_REF[$k]}; fi
    for ((r = 1; r <= reps; r++)); do
        for who in $(printf '%s\n' "${runners[@]}" | shuf); do
            case $who in
                native) run native "$k" || true ;;
                qemu) run qemu "$k" "$qemu" || true ;;
                hdbt:*) run_hdbt "${who#hdbt:}" "$k" ;;
            esac
        done
        echo "  $k rep $r/$reps done" >&2
    done
done

# Tables are built as tab-separated rows, then printed aligned (text) or as markdown.
render() {
    if [ "$markdown" = 1 ]; then
        awk -F'\t' 'NR == 1 { s = "|"; for (i = 1; i <= NF; i++) s = s " ---" (i > 1 ? ":" : "") " |" }
                    { line = "|"; for (i = 1; i <= NF; i++) line = line " " $i " |"; print line; if (NR == 1) print s }'
    else
        awk -F'\t' '{ row[NR] = $0; for (i = 1; i <= NF; i++) if (length($i) > w[i]) w[i] = length($i) }
                    END { for (r = 1; r <= NR; r++) { n = split(row[r], c, "\t"); line = "";
                          for (i = 1; i <= n; i++) line = line (i == 1 ? sprintf("%-" w[i] "s", c[i]) : sprintf("  %" w[i] "s", c[i]));
                          print line } }'
    fi
}

echo "$header"
[ "$markdown" = 0 ] || echo
{
    row="workload\tnative_s\tqemu_s"
    for m in "${mode_list[@]}"; do row+="\t${m}_s\t${m}/native\t${m}/qemu"; done
    echo -e "$row"
    : >"$tmp/ratios"
    for k in "${kernels[@]}"; do
        n=$(median "$tmp/native.$k"); q=$(median "$tmp/qemu.$k")
        row="$k\t$(fmt_s "$n")\t$(fmt_s "$q")"
        col=0
        for m in "${mode_list[@]}"; do
            h=$(median "$tmp/$m.$k")
            cells=$(awk -v n="$n" -v q="$q" -v h="$h" -v c="$col" -v f="$tmp/ratios" 'BEGIN {
                rn = (n != "-" && h != "-" && n > 0) ? h / n : ""; rq = (q != "-" && h != "-" && q > 0) ? h / q : "";
                if (rn != "") print c, rn >> f; if (rq != "") print c + 1, rq >> f;
                printf "%s\t%s\t%s", h == "-" ? "-" : sprintf("%.3f", h), rn == "" ? "-" : sprintf("%.2f", rn), rq == "" ? "-" : sprintf("%.2f", rq) }')
            row+="\t$cells"
            col=$((col + 2))
        done
        echo -e "$row"
    done
    # geometric mean and maximum of each ratio column (columns numbered 0, 1 per mode: /native, /qemu)
    for what in geomean max; do
        row="$what\t\t"
        col=0
        for m in "${mode_list[@]}"; do
            cells=$(awk -v w="$what" -v a="$col" '$1 == a { la += log($2); na++; if ($2 > ma) ma = $2 }
                                                 $1 == a + 1 { lb += log($2); nb++; if ($2 > mb) mb = $2 }
                END { if (w == "geomean") printf "\t\t%s\t%s", na ? sprintf("%.2f", exp(la / na)) : "-", nb ? sprintf("%.2f", exp(lb / nb)) : "-";
                      else printf "\t\t%s\t%s", na ? sprintf("%.2f", ma) : "-", nb ? sprintf("%.2f", mb) : "-" }' "$tmp/ratios")
            row+="$cells"
            col=$((col + 2))
        done
        echo -e "$row"
    done
} | render

echo
[ "$markdown" = 0 ] || echo
{
    echo -e "workload\tmode\tstartup_s\ttranslate_ns/insn\tguest_insn/s"
    for m in "${mode_list[@]}"; do
        for k in "${kernels[@]}"; do
            su=$(median "$tmp/startup.$m.$k"); xl=$(median "$tmp/xlate.$m.$k"); ips=$(median "$tmp/ips.$m.$k")
            awk -v k="$k" -v m="$m" -v s="$su" -v x="$xl" -v i="$ips" 'BEGIN {
                printf "%s\t%s\t%s\t%s\t%s\n", k, m, s == "-" ? "-" : sprintf("%.3f", s), x == "-" ? "-" : sprintf("%.0f", x), i == "-" ? "-" : sprintf("%.3g", i) }'
        done
    done
} | render

if [ "$wrong_runs" -gt 0 ]; then echo "$wrong_runs wrong run(s): see the WRONG lines above; they are not in the medians" >&2; exit 1; fi
