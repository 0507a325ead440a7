namespace Hdbt.Profiling;

/// <summary>The one table of counters: the text report, the JSON file and the documentation come from it.</summary>
public static class CounterTable
{
    public const string BlockSection = "Block statistic";
    public const string RunSection = "Run statistic";
    public const string TraceSection = "Trace statistic";

    public static readonly CounterInfo[] All =
    [
        new(CounterId.BlocksTranslated, "blocks_translated", BlockSection, "Blocks translated", CounterUnit.Count, "translation blocks built (each guest pc once, again after invalidation)"),
        new(CounterId.GuestCodeBytes, "guest_code_bytes", BlockSection, "Guest code size", CounterUnit.Bytes, "bytes of guest code covered by translated blocks"),
        new(CounterId.GuestInsnsTranslated, "guest_insns_translated", BlockSection, "Guest instructions translated", CounterUnit.Count, "guest instructions decoded into IR"),
        new(CounterId.IrOpsBeforeOpt, "ir_ops_before_opt", BlockSection, "IR ops before optimization", CounterUnit.Count, "IR ops the frontend emitted"),
        new(CounterId.IrOps, "ir_ops", BlockSection, "IR ops after optimization", CounterUnit.Count, "IR ops left after folding, propagation and dead code/flag elimination"),
        new(CounterId.TranslationTime, "translation_seconds", BlockSection, "Translation time", CounterUnit.Time, "time spent decoding, building IR, optimizing and preparing blocks"),
        new(CounterId.BlocksExecuted, "blocks_executed", BlockSection, "Blocks executed", CounterUnit.Count, "block entries"),
        new(CounterId.GuestInsnsExecuted, "guest_insns_executed", BlockSection, "Guest instructions executed", CounterUnit.Count, "guest instructions executed (block entries times block length)"),
        new(CounterId.ChainedTransitions, "chained_transitions", BlockSection, "Chained block transitions", CounterUnit.Count, "direct jumps that went on into their linked successor without returning to the dispatcher"),
        new(CounterId.JumpCacheHits, "jump_cache_hits", BlockSection, "Jump cache hits", CounterUnit.Count, "indirect jumps, calls and returns whose target was found in the jump cache"),
        new(CounterId.DispatcherLookups, "dispatcher_lookups", BlockSection, "Block cache lookups", CounterUnit.Count, "returns to the dispatcher that looked a pc up in the block cache (syscalls, first executions, misses)"),
        new(CounterId.BlocksInvalidated, "blocks_invalidated", BlockSection, "Blocks invalidated", CounterUnit.Count, "blocks dropped because the guest wrote to or unmapped their code"),
        new(CounterId.StartupTime, "startup_seconds", RunSection, "Start-up time (process start to first guest instruction)", CounterUnit.Time, "hdbt's own start-up: .NET runtime, option parsing, ELF loading"),
        new(CounterId.Syscalls, "syscalls", RunSection, "System calls", CounterUnit.Count, "guest system calls performed"),
        new(CounterId.ExecutionTime, "execution_seconds", RunSection, "Guest run time", CounterUnit.Time, "time from the first guest instruction to guest exit, translation included"),
        new(CounterId.HostCodeBytes, "host_code_bytes", BlockSection, "Host code size (tcg)", CounterUnit.Bytes, "bytes of x86-64 code generated for blocks (flushed ones included)"),
        new(CounterId.BlockLinks, "block_links", BlockSection, "Block links made (tcg)", CounterUnit.Count, "direct jumps patched to go straight into their successor block"),
        new(CounterId.JumpCacheMisses, "jump_cache_misses", BlockSection, "Jump cache misses", CounterUnit.Count, "indirect jumps that did not find their target in the jump cache and returned to the dispatcher"),
        new(CounterId.CodeCacheFlushes, "code_cache_flushes", BlockSection, "Code cache flushes (tcg)", CounterUnit.Count, "times the code cache filled up and every block was dropped"),
        new(CounterId.CodeCacheUsed, "code_cache_used", BlockSection, "Code cache in use at exit (tcg)", CounterUnit.Bytes, "bytes of the code cache holding blocks at exit (since the last flush)"),
        new(CounterId.HotUnits, "hot_blocks", BlockSection, "Blocks that became hot", CounterUnit.Count, "blocks entered --threshold times (trace heads in trace-forming modes; interp and tcg only count them)"),
        new(CounterId.CodeWriteFaults, "code_write_faults", BlockSection, "Stores into write-protected code (tcg)", CounterUnit.Count, "returns to the engine after generated code stored into pages holding translated code, which the host write-protects (tcg's direct stores)"),
        new(CounterId.Traces, "traces", TraceSection, "Traces formed", CounterUnit.Count, "hot blocks that became the head of a trace (NET: the next executing tail, up to --trace-len blocks); trace-forming modes only"),
        new(CounterId.TraceBlocks, "trace_blocks", TraceSection, "Blocks in traces", CounterUnit.Count, "blocks along the recorded paths of all traces (a block in two traces, or twice in one, counts each time)"),
        new(CounterId.TraceGuestInsns, "trace_guest_insns", TraceSection, "Guest instructions in traces", CounterUnit.Count, "guest instructions along the recorded paths of all traces"),
        new(CounterId.TraceIndirectChecks, "trace_indirect_branches", TraceSection, "Indirect branches in traces", CounterUnit.Count, "indirect jumps, calls and returns inside traces, checked inline against the recorded target"),
        new(CounterId.TracesAbandoned, "traces_abandoned", TraceSection, "Trace recordings abandoned", CounterUnit.Count, "hot blocks whose recording gave no trace (the head makes a system call, or the code changed while recording)"),
        new(CounterId.TraceTranslationTime, "trace_translation_seconds", TraceSection, "Trace translation time", CounterUnit.Time, "time spent recording, stitching, optimizing and compiling traces (on the guest thread)"),
        new(CounterId.ProfileThreshold, "profile_threshold", TraceSection, "Profile threshold", CounterUnit.Count, "block entries that make a block a trace head (--threshold)"),
        new(CounterId.PredictThreshold, "predict_threshold", TraceSection, "Predict threshold", CounterUnit.Count, "most blocks a trace may have (--trace-len)"),
        new(CounterId.TraceMaxBlocks, "trace_max_blocks", TraceSection, "Longest trace (blocks)", CounterUnit.Count, "blocks of the longest trace (the average is trace_blocks / traces)"),
        new(CounterId.TraceExits, "trace_exits", TraceSection, "Trace exits", CounterUnit.Count, "ways out of all traces: side exits, failed indirect-branch checks and the end of traces that are not loops"),
        new(CounterId.TraceMaxExits, "trace_max_exits", TraceSection, "Most exits of one trace", CounterUnit.Count, "ways out of the trace that has most"),
        new(CounterId.TraceBlocksCovered, "trace_blocks_covered", TraceSection, "Distinct blocks in traces", CounterUnit.Count, "distinct guest blocks in traces (trace_blocks minus this: blocks duplicated across or within traces)"),
        new(CounterId.TraceGuestBytes, "trace_guest_bytes", TraceSection, "Guest code size in traces", CounterUnit.Bytes, "guest bytes along the recorded paths of all traces"),
        new(CounterId.TraceGuestBytesCovered, "trace_guest_bytes_covered", TraceSection, "Distinct guest code in traces", CounterUnit.Bytes, "guest bytes in at least one trace (trace_guest_bytes minus this: duplicated)"),
        new(CounterId.TraceGuestInsnsCovered, "trace_guest_insns_covered", TraceSection, "Distinct guest instructions in traces", CounterUnit.Count, "guest instructions of the distinct blocks in traces (trace_guest_insns minus this: duplicated)"),
        new(CounterId.TraceWorkerTime, "trace_worker_seconds", TraceSection, "Trace compile time on worker threads", CounterUnit.Time, "time worker threads spent compiling traces (hybridm; trace_translation_seconds is the guest thread's)"),
        new(CounterId.TracesDiscarded, "traces_discarded", TraceSection, "Compiled traces discarded", CounterUnit.Count, "traces a worker compiled that were dropped instead of installed: their code was written, or the cache flushed, while they compiled"),
        new(CounterId.LlvmLowerTime, "llvm_lower_seconds", BlockSection, "LLVM: building IR from the block IR (llvm)", CounterUnit.Time, "time spent lowering blocks' IR to LLVM IR (part of translation_seconds)"),
        new(CounterId.LlvmVerifyTime, "llvm_verify_seconds", BlockSection, "LLVM: verifier (llvm)", CounterUnit.Time, "time spent in LLVM's module verifier (part of translation_seconds)"),
        new(CounterId.LlvmOptimizeTime, "llvm_optimize_seconds", BlockSection, "LLVM: optimization passes (llvm)", CounterUnit.Time, "time spent in LLVM's IR pass pipeline, --llvm-opt (part of translation_seconds)"),
        new(CounterId.LlvmCodegenTime, "llvm_codegen_seconds", BlockSection, "LLVM: code generation and linking (llvm)", CounterUnit.Time, "time spent in LLVM's code generator and JIT linker, --llvm-codegen (part of translation_seconds)"),
    ];

    static CounterTable()
    {
        for (int i = 0; i < All.Length; i++)
            if ((int)All[i].Id != i) throw new InvalidOperationException($"CounterTable out of order at {All[i].Id}");
    }

    public static CounterInfo Get(CounterId id) => All[(int)id];
}
