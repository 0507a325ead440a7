#!/usr/bin/env bash
# publish-hdbt.sh -- makes emulator/bin/publish/hdbt, the ReadyToRun build that users and the benchmark
# scripts run (see the publish settings in emulator/Hdbt.csproj), unless it is newer than every source
# file of the emulator. Prints the path of the program on stdout.
#   usage: tools/publish-hdbt.sh [--force]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
out=$root/emulator/bin/publish
stamp=$out/hdbt.dll
if [ "${1:-}" = --force ] || [ ! -x "$out/hdbt" ] || [ ! -f "$stamp" ] ||
   [ -n "$(find "$root/emulator" "$root/Directory.Build.props" "$root/Directory.Packages.props" \
        \( -path "$root/emulator/bin" -o -path "$root/emulator/obj" \) -prune -o \
        -type f \( -name '*.cs' -o -name '*.csproj' -o -name '*.props' \) -newer "$stamp" -print -quit)" ]; then
    echo "publishing hdbt (ReadyToRun) to $out" >&2
    dotnet publish "$root/emulator/Hdbt.csproj" -c Release -o "$out" -v q -nologo >&2
    touch "$stamp"
fi
echo "$out/hdbt"
