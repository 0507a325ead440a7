using Hdbt.Engine;
using Hdbt.Llvm;

namespace Hdbt.Cli;

/// <summary>The parsed command line.</summary>
public sealed class CliOptions
{
    public string ModeName { get; set; } = "interp";
    public string? Prefix { get; set; }
    public bool Strace { get; set; }
    public DebugMask Debug { get; set; }
    public string? LogFile { get; set; }
    public bool ProfileBasic { get; set; }
    public string? StatsJson { get; set; }
    public bool OneInsnPerTb { get; set; }
    public bool NoOptimize { get; set; }
    public bool VerifyIr { get; set; }
    public long CodeCacheSize { get; set; } = 256L << 20;
    public bool CheckedStores { get; set; }
    public bool CountEntries { get; set; }
    public bool Traces { get; set; }
    public int TraceLength { get; set; } = EmulatorOptions.DefaultTraceLength;
    public long Threshold { get; set; } = EmulatorOptions.DefaultThreshold;
    public bool NoLink { get; set; }
    public bool CheckedLoads { get; set; }
    public LlvmOptLevel LlvmOpt { get; set; } = LlvmOptLevel.O2;
    public int LlvmThreads { get; set; } = 1;
    public LlvmCodeGenLevel LlvmCodeGen { get; set; } = LlvmCodeGenLevel.Default;
    public bool Help { get; set; }
    public bool Version { get; set; }
    public bool ListModes { get; set; }
    public bool ListAll { get; set; }
    public bool HostInfo { get; set; }
    public List<string> SetEnv { get; } = [];
    public List<string> UnsetEnv { get; } = [];
    public string? Argv0 { get; set; }
    public string? Program { get; set; }
    public List<string> GuestArgs { get; } = [];
}
