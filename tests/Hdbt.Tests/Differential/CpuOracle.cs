using Hdbt.Linux;
using Hdbt.Tests.Support;
using Xunit.Sdk;
using Hdbt.Host;

namespace Hdbt.Tests.Differential;

/// <summary>
/// The real CPU's outcome of each case: the reference every emulator run is compared with. Where the
/// kernel executes i386 programs the CPU runs the i386 program itself (and the 64-bit re-encoding is
/// checked against it on the way); where it does not (<see cref="HostAbi.CanExecI386"/>), the CPU runs
/// the cases re-encoded for 64-bit mode (<see cref="X64Program"/>), and the few cases 64-bit code
/// cannot express come from <see cref="RecordedTruth"/>. Decided once per test run.
/// </summary>
public static class CpuOracle
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(120);

    /// <summary>Whether the oracle runs i386 programs natively (else: 64-bit re-encoding plus recorded truth).</summary>
    public static bool RunsI386 => HostAbi.CanExecI386;

    /// <summary>One line for reports: which oracle this run uses and why.</summary>
    public static string Description => RunsI386
        ? "the CPU running the i386 programs natively"
        : $"the CPU running the cases re-encoded for 64-bit mode, and recorded truth for what 64-bit code cannot express ({HostAbi.NoNativeI386Reason})";

    /// <summary>Whether <c>HDBT_DIFF_RECORD=1</c> asks to record the truth of untranslatable cases.</summary>
    public static bool Recording => Environment.GetEnvironmentVariable("HDBT_DIFF_RECORD") == "1";

    /// <summary>How many of a batch's outcomes came live from the CPU and how many from recorded truth.</summary>
    public readonly record struct Counts(int Live, int Recorded);

    /// <summary>
    /// The CPU's records for a batch (cases <paramref name="start"/>.. of <paramref name="set"/>), whose
    /// i386 program is <paramref name="program"/> at <paramref name="i386Path"/>. Throws an xunit failure
    /// if the oracle cannot give a case's outcome (missing truth, a failed run).
    /// </summary>
    public static (CaseRecord[] Records, Counts Counts) Batch(CaseSet set, int start, IReadOnlyList<SnippetCase> batch, SnippetProgram program, string i386Path)
    {
        var records = new CaseRecord?[batch.Count];
        var untranslatable = new Dictionary<int, string>();
        for (int i = 0; i < batch.Count; i++)
            if (X64Translator.Untranslatable(program.CaseInstructions(i)) is { } why) untranslatable[i] = why;
        var translatable = Enumerable.Range(0, batch.Count).Where(i => !untranslatable.ContainsKey(i)).ToList();
        var truth = RecordedTruth.For(set.Name);
        string Key(int i) => RecordedTruth.Key(set.Name, start + i, program.CaseCode(i), batch[i], set.DefaultMemory, set.Fpu);

        CaseRecord[]? native = null;
        if (RunsI386)
        {
            var r = ChildProcess.Run(i386Path, [], timeout: s_timeout);
            if (r.ExitCode != 0 || r.Stdout.Length != program.OutputSize)
                throw new XunitException($"{set.Name}: the native i386 run failed (harness bug?): exit {r.ExitCode}, {r.Stdout.Length} of {program.OutputSize} bytes\n  executable: {i386Path}");
            native = program.ParseOutput(r.Stdout);
            for (int i = 0; i < batch.Count; i++) records[i] = native[i];
        }

        if (translatable.Count > 0)
        {
            var x64 = X64Program.Build(program, batch, translatable, set.DefaultMemory, set.Fpu);
            var live = RunX64(x64, $"{set.Name}-{start / DiffRunner.BatchSize}", x64.OutputSize, out var r);
            if (live == null)
                throw new XunitException($"{set.Name}: the 64-bit oracle program failed (translator or harness bug): exit {r.ExitCode}, " +
                    $"{r.Stdout.Length} of {x64.OutputSize} bytes{(r.ExitCode == X64Program.BadTargetStatus ? " (an indirect branch reached no case instruction)" : "")}; " +
                    $"stderr: {r.Stderr}");
            var got = x64.ParseOutput(live);
            var disagree = new List<string>();
            for (int k = 0; k < got.Length; k++)
            {
                int i = x64.Cases[k];
                // On an i386 host both ran on the CPU: the re-encoding must agree with the original.
                if (native != null && !ResultComparer.Matches(batch[i], native[i], got[k]))
                    disagree.Add(ResultComparer.Describe(start + i, batch[i], program.Disassemble(i), native[i], got[k]));
                records[i] ??= got[k];
            }
            if (disagree.Count > 0)
                throw new XunitException($"{set.Name}: the 64-bit re-encoding disagrees with the CPU's i386 run on {disagree.Count} case(s) (X64Translator bug; 'expected' = i386):\n" +
                    string.Join("\n", disagree.Take(DiffRunner.MaxReported)));
        }

        if (Recording && untranslatable.Count > 0)
        {
            var source = native ?? RecordWith(program, i386Path, set.Name);
            truth.Save(untranslatable.Keys.Select(i => (Key(i), source[i].ToBytes())), RecordSource());
        }

        var missing = new List<string>();
        var wrong = new List<string>();
        foreach (var (i, why) in untranslatable)
        {
            var outcome = truth.Get(Key(i));
            if (outcome == null)
            {
                if (native == null) missing.Add($"#{start + i} {batch[i].Form} ({why})");
                continue;
            }
            var recorded = CaseRecord.Parse(outcome);
            if (native != null && !ResultComparer.Matches(batch[i], native[i], recorded))
                wrong.Add(ResultComparer.Describe(start + i, batch[i], program.Disassemble(i), native[i], recorded));
            records[i] ??= recorded;
        }
        if (wrong.Count > 0)
            throw new XunitException($"{set.Name}: recorded truth ({truth.Source}) disagrees with the CPU's i386 run on {wrong.Count} case(s); record again with HDBT_DIFF_RECORD=1:\n" +
                string.Join("\n", wrong.Take(DiffRunner.MaxReported)));
        if (missing.Count > 0)
            throw new XunitException(MissingTruth(set.Name, missing));
        return (records.Select(r => r!).ToArray(), new Counts(translatable.Count, native == null ? untranslatable.Count : 0));
    }

    /// <summary>
    /// The CPU's outcome of one case run alone (exit status and output), for cases that end with a
    /// signal; <paramref name="program"/> holds only that case.
    /// </summary>
    public static (int Status, byte[] Stdout, bool Live) Alone(CaseSet set, int index, SnippetProgram program, string i386Path)
    {
        if (RunsI386)
        {
            var r = ChildProcess.Run(i386Path, [], timeout: s_timeout);
            return (r.ExitCode, r.Stdout, true);
        }
        var code = program.CaseInstructions(0);
        string key = RecordedTruth.Key(set.Name, index, program.CaseCode(0), set.Cases[index], set.DefaultMemory, set.Fpu);
        var truth = RecordedTruth.For(set.Name);
        string? why = X64Translator.Untranslatable(code);
        if (why == null)
        {
            var x64 = X64Program.Build(program, [set.Cases[index]], [0], set.DefaultMemory, set.Fpu);
            RunX64(x64, $"{set.Name}-alone{index}", -1, out var r);
            return (r.ExitCode, r.Stdout, true);
        }
        if (Recording)
        {
            var r = RunRecorder(i386Path);
            var bytes = new byte[4 + r.Stdout.Length];
            BitConverter.TryWriteBytes(bytes, r.ExitCode);
            r.Stdout.CopyTo(bytes, 4);
            truth.Save([(key, bytes)], RecordSource());
        }
        var outcome = truth.Get(key) ?? throw new XunitException(MissingTruth(set.Name, [$"#{index} {set.Cases[index].Form} ({why})"]));
        return (BitConverter.ToInt32(outcome), outcome[4..], false);
    }

    /// <summary>
    /// Runs a whole batch program on the CPU as it is (natively, or re-encoded when the host runs no i386
    /// code; every case must then be translatable): for the harness's own tests.
    /// </summary>
    public static ProcessResult RunWhole(SnippetProgram program, IReadOnlyList<SnippetCase> batch, string i386Path, byte[] defaultMemory, FpuKind fpu)
    {
        if (RunsI386) return ChildProcess.Run(i386Path, [], timeout: s_timeout);
        var x64 = X64Program.Build(program, batch, Enumerable.Range(0, batch.Count).ToList(), defaultMemory, fpu);
        RunX64(x64, "whole", -1, out var r);
        return r;
    }

    /// <summary>Runs a 64-bit program; its stdout if it exited 0 with <paramref name="expectedSize"/> bytes (any size if negative), else null.</summary>
    private static byte[]? RunX64(X64Program x64, string name, int expectedSize, out ProcessResult result)
    {
        string path = DiffRunner.WriteExecutable(x64.Elf, name + "-x64");
        bool keep = false;
        try
        {
            result = ChildProcess.Run(path, [], timeout: s_timeout);
            if (expectedSize < 0) return result.Stdout;
            keep = result.ExitCode != 0 || result.Stdout.Length != expectedSize;
            return keep ? null : result.Stdout;
        }
        finally
        {
            if (!keep && Environment.GetEnvironmentVariable("HDBT_DIFF_KEEP") != "1") File.Delete(path);
        }
    }

    private static CaseRecord[] RecordWith(SnippetProgram program, string i386Path, string setName)
    {
        var r = RunRecorder(i386Path);
        if (r.ExitCode != 0 || r.Stdout.Length != program.OutputSize)
            throw new XunitException($"{setName}: recording failed: {r}");
        return program.ParseOutput(r.Stdout);
    }

    private static ProcessResult RunRecorder(string i386Path)
    {
        var command = (Environment.GetEnvironmentVariable("HDBT_DIFF_RECORD_WITH") ?? "")
            .Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (command.Length == 0)
            throw new XunitException("HDBT_DIFF_RECORD=1 on a host that runs no i386 code needs HDBT_DIFF_RECORD_WITH: an emulator command " +
                "known to match the CPU on these cases (e.g. hdbt --mode interp built from commit d509a89), and HDBT_DIFF_RECORD_SOURCE to say so");
        return ChildProcess.Run(command[0], [.. command[1..], i386Path], timeout: s_timeout);
    }

    private static string RecordSource() => RunsI386
        ? $"native i386 run on {CpuModel()}"
        : Environment.GetEnvironmentVariable("HDBT_DIFF_RECORD_SOURCE") is { Length: > 0 } s ? s
        : throw new XunitException("set HDBT_DIFF_RECORD_SOURCE to where the recorded outcomes come from (it goes in the file and in failure messages)");

    private static string MissingTruth(string setName, List<string> cases) =>
        $"{setName}: no recorded truth for {cases.Count} case(s) that 64-bit code cannot express, and this host runs no i386 code " +
        $"({HostAbi.NoNativeI386Reason}). Record them on a host that runs i386 code with HDBT_DIFF_RECORD=1 (see Differential/README.md), " +
        $"or change the cases back. First ones:\n  " + string.Join("\n  ", cases.Take(DiffRunner.MaxReported));

    private static string CpuModel()
    {
        try
        {
            return File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "an unknown CPU";
        }
        catch (IOException)
        {
            return "an unknown CPU";
        }
    }
}
