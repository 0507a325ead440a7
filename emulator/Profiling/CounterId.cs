namespace Hdbt.Profiling;

/// <summary>Every statistic hdbt keeps. Their names, units and sections are in <see cref="CounterTable"/>.</summary>
public enum CounterId
{
    BlocksTranslated,
    GuestCodeBytes,
    GuestInsnsTranslated,
    IrOpsBeforeOpt,
    IrOps,
    TranslationTime,
    BlocksExecuted,
    GuestInsnsExecuted,
    ChainedTransitions,
    JumpCacheHits,
    DispatcherLookups,
    BlocksInvalidated,
    StartupTime,
    Syscalls,
    ExecutionTime,
    HostCodeBytes,
    BlockLinks,
    JumpCacheMisses,
    CodeCacheFlushes,
    CodeCacheUsed,
    HotUnits,
    CodeWriteFaults,
    LlvmLowerTime,
    LlvmVerifyTime,
    LlvmOptimizeTime,
    LlvmCodegenTime,
}
