# host.sh -- what this host does with i386 programs, in the words of hdbt's own probe. Sourced (bash)
# by verify.sh and compare.sh, which ask once before deciding whether they can run anything natively.
# hdbt --host-info is the one place that probes the host (emulator/Linux/HostAbi.cs: a vfork'd child
# tries to execve a tiny i386 program), so that hdbt, the harness and these scripts always agree.

# host_info HDBT CALLER -> sets HOST_I386_EXEC (yes or no), HOST_I386_DETAIL (e.g. "execve failed: Exec
# format error") and NO_NATIVE_REASON (a sentence for notes); returns 1, with a message naming CALLER,
# when HDBT does not answer (an hdbt older than the probe).
host_info() {
    local info line
    if ! info=$("$1" --host-info 2>/dev/null) || ! line=$(grep -m1 '^i386-exec: ' <<<"$info"); then
        echo "$2: $1 --host-info did not answer (an hdbt older than the host probe?)" >&2
        return 1
    fi
    line=${line#i386-exec: }
    HOST_I386_EXEC=${line%% *}
    HOST_I386_DETAIL=$(sed -n 's/^[a-z]* (\(.*\))$/\1/p' <<<"$line")
    NO_NATIVE_REASON="this host's kernel does not execute i386 programs ($HOST_I386_DETAIL)"
    [ "$HOST_I386_EXEC" = yes ] || [ "$HOST_I386_EXEC" = no ] || { echo "$2: cannot read $1 --host-info: $line" >&2; return 1; }
}
