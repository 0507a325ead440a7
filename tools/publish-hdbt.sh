#!/usr/bin/env bash
# publish-hdbt.sh -- makes the hdbt that users and the benchmarks run and prints its path on stdout:
#   emulator/bin/aot/hdbt      NativeAOT: one native executable, no .NET runtime to load and nothing to jit at
#                              start-up (a short guest program runs in a fraction of the managed builds' time).
#                              Linking it needs a C toolchain: gcc (or clang) and libc6-dev, which .ci/run installs.
#   emulator/bin/publish/hdbt  ReadyToRun, only the fallback when NativeAOT cannot be built here. The script then
#                              says so on stderr in one line that starts "publish-hdbt.sh: fallback: " and gives
#                              the reason (the harness copies it into notes.txt and env.json).
# Each build is remade only when a source of the emulator (*.cs, *.csproj, *.props) is newer than it, so calling
# this before every use is cheap. Settings of both builds: emulator/Hdbt.csproj.
#   usage: tools/publish-hdbt.sh [--force] [--readytorun]
#          tools/publish-hdbt.sh --kind PATH
#   --force       rebuild even when up to date
#   --readytorun  make and print the ReadyToRun build (to compare it, e.g. the start-up table in README.md)
#   --kind PATH   print which build the hdbt at PATH is: nativeaot, readytorun, jit (a plain dotnet build) or unknown
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
aot=$root/emulator/bin/aot
r2r=$root/emulator/bin/publish

# le N FILE OFFSET -> the N-byte little-endian unsigned number at OFFSET
le() { od -An -t "u$1" -j "$3" -N "$1" "$2" | tr -d ' \n'; }

# kind PATH -> nativeaot | readytorun | jit | unknown. A managed hdbt is an apphost next to hdbt.dll; the dll is
# ReadyToRun when its CLI header has a ManagedNativeHeader (the precompiled code's READYTORUN_HEADER).
# NativeAOT leaves one ELF file and no dll, with the compiled .NET code in a section named __managedcode.
kind() {
    local exe=$1 dll
    dll=$(dirname "$exe")/hdbt.dll
    [ -f "$exe" ] || { echo unknown; return; }
    if [ ! -f "$dll" ]; then
        grep -q -a __managedcode "$exe" && echo nativeaot || echo unknown
        return
    fi
    local pe opt magic dd clr nsec sec i va vs raw off
    pe=$(le 4 "$dll" 60); nsec=$(le 2 "$dll" $((pe + 6))); opt=$((pe + 24)); magic=$(le 2 "$dll" $opt)
    dd=$((opt + (magic == 0x20b ? 112 : 96) + 14 * 8))   # data directory 14: the CLI header
    clr=$(le 4 "$dll" $dd); sec=$((opt + $(le 2 "$dll" $((pe + 20)))))
    for ((i = 0; i < nsec; i++, sec += 40)); do
        va=$(le 4 "$dll" $((sec + 12))); vs=$(le 4 "$dll" $((sec + 8))); raw=$(le 4 "$dll" $((sec + 20)))
        if [ "$clr" -ge "$va" ] && [ "$clr" -lt $((va + vs)) ]; then off=$((clr - va + raw)); break; fi
    done
    [ -n "${off:-}" ] || { echo unknown; return; }
    [ "$(le 4 "$dll" $((off + 68)))" -gt 0 ] && echo readytorun || echo jit
}

# stale EXE -> true when EXE is missing or older than a source of the emulator
stale() {
    [ "$force" = 1 ] || [ ! -x "$1" ] ||
    [ -n "$(find "$root/emulator" "$root/Directory.Build.props" "$root/Directory.Packages.props" \
        \( -path "$root/emulator/bin" -o -path "$root/emulator/obj" \) -prune -o \
        -type f \( -name '*.cs' -o -name '*.csproj' -o -name '*.props' \) -newer "$1" -print -quit)" ]
}

# linker_missing -> nothing when a C toolchain can link what NativeAOT links (the compiler driver it picks, clang
# before gcc; bfd ld; libc, libm, libdl, librt from libc6-dev), else why not. A test link takes a fraction of a
# second, where a failing publish would first spend a minute compiling.
linker_missing() {
    local cc t
    cc=$(command -v clang || command -v gcc) || { echo "no C compiler to link with (apt-get install gcc libc6-dev, or clang)"; return; }
    command -v objcopy >/dev/null || command -v llvm-objcopy >/dev/null || { echo "no objcopy (apt-get install binutils)"; return; }
    t=$(mktemp -d)
    if ! echo 'int main(void) { return 0; }' >"$t/probe.c" ||
       ! "$cc" -fuse-ld=bfd "$t/probe.c" -o "$t/probe" -ldl -lrt -lm >"$t/log" 2>&1; then
        echo "$cc cannot link a C program ($(head -c 160 "$t/log" | tr '\n' ' '); apt-get install gcc libc6-dev)"
    fi
    rm -rf "$t"
}

publish_r2r() {
    if stale "$r2r/hdbt"; then
        echo "publishing hdbt (ReadyToRun) to $r2r" >&2
        dotnet publish "$root/emulator/Hdbt.csproj" -c Release -o "$r2r" -v q -nologo >&2
        touch "$r2r/hdbt"
    fi
    echo "$r2r/hdbt"
}

force=0 want=aot
while [ $# -gt 0 ]; do
    case $1 in
        --force) force=1; shift ;;
        --readytorun) want=r2r; shift ;;
        --kind) [ $# -ge 2 ] || { echo "publish-hdbt.sh: --kind needs a path" >&2; exit 2; }; kind "$2"; exit 0 ;;
        -h|--help) sed -n '2,15p' "$0"; exit 0 ;;
        *) echo "publish-hdbt.sh: unknown argument $1 (see --help)" >&2; exit 2 ;;
    esac
done

if [ "$want" = r2r ]; then publish_r2r; exit 0; fi
if ! stale "$aot/hdbt"; then echo "$aot/hdbt"; exit 0; fi
why=$(linker_missing)
if [ -z "$why" ]; then
    echo "publishing hdbt (NativeAOT) to $aot" >&2
    log=$(mktemp)
    if dotnet publish "$root/emulator/Hdbt.csproj" -c Release -p:PublishAot=true -o "$aot" -v q -nologo >"$log" 2>&1; then
        rm -f "$log"
        touch "$aot/hdbt"
        echo "$aot/hdbt"
        exit 0
    fi
    # A C# error fails the ReadyToRun build just the same: show it instead of hiding it behind a fallback.
    if grep -q 'error CS[0-9]' "$log"; then cat "$log" >&2; rm -f "$log"; exit 1; fi
    why="the NativeAOT publish failed: $(grep -m1 -E 'error|Error' "$log" | sed 's/^ *//' | head -c 300) (full log: $log)"
fi
echo "publish-hdbt.sh: fallback: hdbt is the ReadyToRun build, not NativeAOT: $why" >&2
publish_r2r
