using Hdbt.Engine;
using Hdbt.Llvm;

namespace Hdbt.Cli;

/// <summary>Every hdbt option, declared once: parsing, environment variables and --help come from this table.</summary>
public static class OptionTable
{
    public static readonly OptionSpec[] All =
    [
        new(["--mode"], "MODE", "execution mode: " + string.Join(", ", ExecutionModeTable.All.Select(m => m.Name)) + " (default interp)", "LLVM_MODE",
            (o, v) => { o.ModeName = v; return null; }),
        new(["-L"], "PREFIX", "guest root for absolute paths of a dynamic loader (accepted; used once dynamic linking exists)", "QEMU_LD_PREFIX",
            (o, v) => { o.Prefix = v; return null; }),
        new(["--strace", "-strace"], null, "print each system call with decoded arguments and result", null,
            (o, _) => { o.Strace = true; return null; }),
        new(["-d", "--debug"], "MASK", "debug log, comma-separated: " + string.Join(", ", DebugMaskTable.All.Select(d => d.Name)) + ", all", "LLVM_DEBUG",
            (o, v) =>
            {
                var m = DebugMaskTable.Parse(v, out var bad);
                if (m == null) return $"unknown debug mask '{bad}' (known: {string.Join(", ", DebugMaskTable.All.Select(d => d.Name))}, all)";
                o.Debug |= m.Value;
                return null;
            }),
        new(["-D", "--log"], "FILE", "write debug, strace and statistics output to FILE instead of stderr", null,
            (o, v) => { o.LogFile = v; return null; }),
        new(["-p", "--profile"], "MASK", "statistics printed at exit: basic (block statistic), all", "LLVM_PROFILE",
            (o, v) =>
            {
                foreach (var part in v.Split(',', StringSplitOptions.RemoveEmptyEntries))
                {
                    if (part is "basic" or "all") o.ProfileBasic = true;
                    else return $"unknown profile mask '{part}' (known: basic, all)";
                }
                return null;
            }),
        new(["--stats-json"], "FILE", "write every counter to FILE as JSON at exit", null,
            (o, v) => { o.StatsJson = v; return null; }),
        new(["--one-insn-per-tb", "-singlestep"], null, "translate one guest instruction per block (debugging)", null,
            (o, _) => { o.OneInsnPerTb = true; return null; }),
        new(["--no-opt"], null, "skip the IR optimizer (for checking it)", null,
            (o, _) => { o.NoOptimize = true; return null; }),
        new(["--verify-ir"], null, "check every IR block as built and after each optimizer pass (a failure is an internal error, status 70); HDBT_VERIFY_IR=1 or 0 turns it on or off", "HDBT_VERIFY_IR",
            (o, v) =>
            {
                // The flag passes "" and the environment variable its value.
                if (v is "" or "1") o.VerifyIr = true;
                else if (v == "0") o.VerifyIr = false;
                else return $"bad value '{v}' (1 or 0)";
                return null;
            }),
        new(["--threshold"], "N", "profile threshold: block entries after which a block is hot (default 50; 0: never); trace-forming modes make hot blocks trace heads, interp and tcg count them (hot_blocks)", null,
            (o, v) =>
            {
                if (!long.TryParse(v, out long n) || n < 0 || n > int.MaxValue) return $"bad threshold '{v}' (0..{int.MaxValue})";
                o.Threshold = n;
                return null;
            }),
        new(["--trace-len"], "N", "predict threshold: at most N blocks per trace (default 16)", null,
            (o, v) =>
            {
                if (!int.TryParse(v, out int n) || n < 1 || n > 4096) return $"bad trace length '{v}' (1..4096)";
                o.TraceLength = n;
                return null;
            }),
        new(["--traces"], null, "interp and tcg: form traces from hot blocks too (NET, as the trace-forming modes do), compiled by the mode's own backend: trace formation without LLVM", null,
            (o, _) => { o.Traces = true; return null; }),
        new(["--count-entries"], null, "tcg: blocks go on counting their entries after they are hot, for blocks_executed and guest_insns_executed (costs up to 25% in hot loops; interp always counts)", null,
            (o, _) => { o.CountEntries = true; return null; }),
        new(["--code-cache-size"], "MIB", "size of the tcg code cache in MiB, or KiB with a K suffix (default 256; when full, every block is dropped)", null,
            (o, v) =>
            {
                bool kib = v.EndsWith('K') || v.EndsWith('k');
                if (!long.TryParse(kib ? v[..^1] : v, out long n) || (kib ? n < 128 || n > 2048L << 10 : n < 1 || n > 2048))
                    return $"bad code cache size '{v}' (MiB 1..2048, or KiB 128K..)";
                o.CodeCacheSize = kib ? n << 10 : n << 20;
                return null;
            }),
        new(["--no-link"], null, "tcg: never link blocks (every block exit returns to the dispatcher)", null,
            (o, _) => { o.NoLink = true; return null; }),
        new(["--checked-loads"], null, "tcg: check every guest load against the page table inline instead of catching host faults", null,
            (o, _) => { o.CheckedLoads = true; return null; }),
        new(["--checked-stores"], null, "tcg: check every guest store against the page table inline instead of write-protecting code pages on the host", null,
            (o, _) => { o.CheckedStores = true; return null; }),
        new(["--llvm-threads"], "N", "hybridm: worker threads compiling traces with LLVM while the guest runs TCG code (default 1; they take turns in the one LLJIT)", null,
            (o, v) =>
            {
                if (!int.TryParse(v, out int n) || n < 1 || n > 64) return $"bad thread count '{v}' (1..64)";
                o.LlvmThreads = n;
                return null;
            }),
        new(["--llvm-opt"], "N", "llvm: LLVM IR optimization level of each unit, 0..3 or O0..O3 (default 2)", null,
            (o, v) =>
            {
                string level = v.StartsWith('O') || v.StartsWith('o') ? v[1..] : v;
                if (level.Length != 1 || level[0] is < '0' or > '3') return $"bad LLVM optimization level '{v}' (0..3)";
                o.LlvmOpt = (LlvmOptLevel)(level[0] - '0');
                return null;
            }),
        new(["--llvm-codegen"], "LEVEL", "llvm: LLVM code generator level: none, less, default, aggressive (default default; none compiles about 3x faster)", null,
            (o, v) =>
            {
                LlvmCodeGenLevel? level = v switch
                {
                    "none" => LlvmCodeGenLevel.None,
                    "less" => LlvmCodeGenLevel.Less,
                    "default" => LlvmCodeGenLevel.Default,
                    "aggressive" => LlvmCodeGenLevel.Aggressive,
                    _ => null,
                };
                if (level == null) return $"bad LLVM code generator level '{v}' (none, less, default, aggressive)";
                o.LlvmCodeGen = level.Value;
                return null;
            }),
        new(["-E"], "VAR=VALUE", "set a variable in the guest's environment", null,
            (o, v) => { o.SetEnv.Add(v); return null; }),
        new(["-U"], "VAR", "remove a variable from the guest's environment", null,
            (o, v) => { o.UnsetEnv.Add(v); return null; }),
        new(["-0", "--argv0"], "NAME", "argv[0] the guest sees (default: the program path as given)", null,
            (o, v) => { o.Argv0 = v; return null; }),
        new(["--list-modes"], null, "print the modes this build has, one per line, and exit", null,
            (o, _) => { o.ListModes = true; return null; }),
        new(["--all"], null, "with --list-modes: every mode, tab-separated: name, built|not-built, traces|blocks, workers|-", null,
            (o, _) => { o.ListAll = true; return null; }),
        new(["--host-info"], null, "probe what this host's kernel does with 32-bit code (runs i386 programs? int 0x80 from 64-bit code?) and which libLLVM the llvm modes would load, print one 'key: yes|no (detail)' line each, and exit", null,
            (o, _) => { o.HostInfo = true; return null; }),
        new(["-h", "--help"], null, "show this help and exit", null, (o, _) => { o.Help = true; return null; }),
        new(["--version"], null, "show the version and exit", null, (o, _) => { o.Version = true; return null; }),
    ];

    public static OptionSpec? Find(string name) => All.FirstOrDefault(o => o.Names.Contains(name));
}
