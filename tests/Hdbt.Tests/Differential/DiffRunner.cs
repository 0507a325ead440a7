using Hdbt.Tests.Support;
using System.Text;
using System.Text.RegularExpressions;
using Xunit.Sdk;

namespace Hdbt.Tests.Differential;

/// <summary>
/// Builds executables from a <see cref="CaseSet"/>, runs each natively (the oracle) and under
/// hdbt (with and, optionally, without the IR optimizer), and fails with one readable message
/// listing the first failing cases.
/// </summary>
public static partial class DiffRunner
{
    /// <summary>Cases per executable: large enough to amortise hdbt's start-up, small enough to keep a failing batch readable.</summary>
    public const int BatchSize = 800;

    /// <summary>How many failing cases the message lists in detail.</summary>
    public const int MaxReported = 20;

    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(120);
    private static readonly Lock s_countLock = new();

    /// <summary>An emulator configuration to check against the native run.</summary>
    public sealed record Variant(string Name, string[] Args);

    /// <summary>
    /// The configurations checked: every mode in HDBT_DIFF_MODES (default: every built mode), optimized and, if asked,
    /// with --no-opt. HDBT_DIFF_EMULATOR names another emulator to check instead (e.g. qemu-i386, to
    /// validate new cases and their undefined-flag masks against a second implementation).
    /// </summary>
    public static IReadOnlyList<Variant> Variants(bool withNoOpt)
    {
        if (Environment.GetEnvironmentVariable("HDBT_DIFF_EMULATOR") is { Length: > 0 } other)
            return [new Variant(other, [])];
        var modes = (Environment.GetEnvironmentVariable("HDBT_DIFF_MODES") ?? string.Join(',', ExecutionModes.Built))
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        // Extra hdbt options for every run, e.g. --one-insn-per-tb to translate instruction by instruction.
        var extra = (Environment.GetEnvironmentVariable("HDBT_DIFF_ARGS") ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries);
        string suffix = extra.Length > 0 ? " " + string.Join(' ', extra) : "";
        var list = new List<Variant>();
        foreach (var m in modes)
        {
            list.Add(new Variant(m + suffix, ["--mode", m, .. extra]));
            if (withNoOpt) list.Add(new Variant(m + " --no-opt" + suffix, ["--mode", m, "--no-opt", .. extra]));
        }
        return list;
    }

    /// <summary>Runs every case of the set; throws an xunit failure describing the mismatches.</summary>
    /// <param name="withNoOpt">Also run hdbt with the IR optimizer off (checks the optimizer).</param>
    public static void Run(CaseSet set, bool withNoOpt = false)
    {
        if (set.Cases.Count == 0) throw new InvalidOperationException($"{set.Name}: no cases");
        var variants = Variants(withNoOpt);
        var report = new StringBuilder();
        int failedCases = 0, reported = 0, live = 0, recorded = 0;
        for (int start = 0; start < set.Cases.Count; start += BatchSize)
        {
            var batch = set.Cases.GetRange(start, Math.Min(BatchSize, set.Cases.Count - start));
            var program = SnippetProgram.Build(batch, set.DefaultMemory, set.Fpu);
            string path = WriteExecutable(program.Elf, $"{set.Name}-{start / BatchSize}");
            bool keep = false;
            try
            {
                var (expected, counts) = CpuOracle.Batch(set, start, batch, program, path);
                live += counts.Live;
                recorded += counts.Recorded;
                var runs = variants.Select(v => (v, Task.Run(() => RunHdbt(v, path)))).ToList();
                foreach (var (variant, task) in runs)
                {
                    var r = task.Result;
                    if (r.ExitCode != 0 || r.Stdout.Length != program.OutputSize)
                    {
                        keep = true;
                        failedCases++;
                        report.Append($"[{variant.Name}] cases #{start}..#{start + batch.Count - 1}: the emulator did not complete the batch: ")
                            .Append(Describe(r, program, batch, start)).Append('\n');
                        continue;
                    }
                    int failed = CompareBatch(program, batch, start, expected, program.ParseOutput(r.Stdout), variant.Name, report, MaxReported - reported);
                    if (failed > 0) keep = true;
                    failedCases += failed;
                    reported += failed;
                }
            }
            finally
            {
                if (!keep && Environment.GetEnvironmentVariable("HDBT_DIFF_KEEP") != "1") File.Delete(path);
            }
            if (keep) report.Append($"  (executable kept for debugging: {path})\n");
        }
        Count(set, live, recorded);
        if (failedCases > 0)
        {
            string header = $"{set.Name}: {failedCases} failing case run(s) out of {set.Cases.Count} cases x {variants.Count} configuration(s)" +
                (reported > MaxReported ? $"; the first {MaxReported} are listed" : "") + "\n";
            throw new XunitException(header + report);
        }
    }

    /// <summary>
    /// Compares one batch's records case by case; appends a description of up to <paramref name="maxReports"/>
    /// failing cases to <paramref name="report"/> and returns how many cases failed.
    /// </summary>
    public static int CompareBatch(SnippetProgram program, IReadOnlyList<SnippetCase> batch, int firstIndex,
        CaseRecord[] expected, CaseRecord[] actual, string variant, StringBuilder report, int maxReports)
    {
        int failed = 0;
        for (int i = 0; i < batch.Count; i++)
        {
            if (ResultComparer.Matches(batch[i], expected[i], actual[i])) continue;
            if (failed++ < maxReports)
                report.Append($"[{variant}] ").Append(ResultComparer.Describe(firstIndex + i, batch[i], program.Disassemble(i), expected[i], actual[i])).Append('\n');
        }
        return failed;
    }

    /// <summary>
    /// Runs each case in an executable of its own and checks that it ends exactly as natively: same exit
    /// status (e.g. 136 for SIGFPE) and same output. <paramref name="expectedStatus"/> guards the oracle.
    /// </summary>
    public static void RunEachAlone(CaseSet set, int expectedStatus)
    {
        var variants = Variants(withNoOpt: true);
        var report = new List<(int Case, string Line)>();
        int failed = 0, live = 0, recorded = 0;
        // One process start-up per case: run the cases concurrently.
        Parallel.For(0, set.Cases.Count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, i =>
        {
            var one = new List<SnippetCase> { set.Cases[i] };
            var program = SnippetProgram.Build(one, set.DefaultMemory, set.Fpu);
            string path = WriteExecutable(program.Elf, $"{set.Name}-alone{i}");
            try
            {
                var cpu = CpuOracle.Alone(set, i, program, path);
                if (cpu.Live) Interlocked.Increment(ref live);
                else Interlocked.Increment(ref recorded);
                if (cpu.Status != expectedStatus)
                    throw new XunitException($"{set.Name} #{i} ({program.Disassemble(0)}): on the CPU it ended with {cpu.Status}, " +
                        $"the test expects {expectedStatus} (wrong case?)");
                foreach (var v in variants)
                {
                    var r = RunHdbt(v, path);
                    if (r.ExitCode == cpu.Status && r.Stdout.AsSpan().SequenceEqual(cpu.Stdout)) continue;
                    string line = $"[{v.Name}] #{i} {set.Cases[i].Form}: {program.Disassemble(0)}: CPU exit {cpu.Status}{(cpu.Live ? "" : " (recorded)")}, emulator exit {r.ExitCode}" +
                        (r.Stderr.Length > 0 ? $"; stderr: {FirstLines(r.Stderr)}" : "");
                    lock (report)
                    {
                        failed++;
                        report.Add((i, line));
                    }
                }
            }
            finally
            {
                File.Delete(path);
            }
        });
        Count(set, live, recorded);
        if (failed > 0)
            throw new XunitException($"{set.Name}: {failed} failing run(s)\n" + string.Join("\n", report.OrderBy(r => r.Case).Select(r => r.Line)));
    }

    /// <summary>
    /// Suite-size bookkeeping: with HDBT_DIFF_COUNT_FILE set, appends "set-name cases live recorded": how many
    /// outcomes came live from the CPU and how many from recorded truth.
    /// </summary>
    private static void Count(CaseSet set, int live, int recorded)
    {
        if (Environment.GetEnvironmentVariable("HDBT_DIFF_COUNT_FILE") is { Length: > 0 } countFile)
            lock (s_countLock) File.AppendAllText(countFile, $"{set.Name} {set.Cases.Count} {live} {recorded}\n");
    }

    /// <summary>
    /// Runs hdbt: <see cref="ChildProcess.HdbtPath"/> (the test's output directory, or HDBT_PATH), or another
    /// emulator named by HDBT_DIFF_EMULATOR.
    /// </summary>
    public static ProcessResult RunHdbt(Variant v, string path)
    {
        if (Environment.GetEnvironmentVariable("HDBT_DIFF_EMULATOR") is { Length: > 0 } other)
            return ChildProcess.Run(other, [.. v.Args, path], timeout: s_timeout);
        string apphost = ChildProcess.HdbtPath;
        var args = new List<string>(v.Args) { path };
        if (File.Exists(apphost)) return ChildProcess.Run(apphost, args, timeout: s_timeout);
        args.Insert(0, Path.Combine(AppContext.BaseDirectory, "hdbt.dll"));
        return ChildProcess.Run("dotnet", args, timeout: s_timeout);
    }

    /// <summary>Writes an executable to a fresh temporary file and makes it executable.</summary>
    public static string WriteExecutable(byte[] elf, string name)
    {
        string dir = Path.Combine(Path.GetTempPath(), "hdbt-difftest");
        Directory.CreateDirectory(dir);
        string path = Path.Combine(dir, $"{name}-{Guid.NewGuid():N}.elf");
        File.WriteAllBytes(path, elf);
        if (!OperatingSystem.IsLinux()) throw new PlatformNotSupportedException("the differential tests run i386 Linux executables natively");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return path;
    }

    /// <summary>Why a run did not produce a full output, with the case at the reported pc when there is one.</summary>
    private static string Describe(ProcessResult r, SnippetProgram program, List<SnippetCase> batch, int start)
    {
        var sb = new StringBuilder();
        sb.Append(r.TimedOut ? "timed out" : r.ExitCode > 128 ? $"exit status {r.ExitCode} (killed by signal {r.ExitCode - 128})" : $"exit status {r.ExitCode}").Append($", {r.Stdout.Length} of {program.OutputSize} output bytes");
        if (r.Stderr.Length > 0) sb.Append("; stderr: ").Append(FirstLines(r.Stderr));
        var m = PcPattern().Match(r.Stderr);
        if (m.Success)
        {
            uint pc = Convert.ToUInt32(m.Groups[1].Value, 16);
            int i = program.CaseAt(pc);
            if (i >= 0) sb.Append($"\n    at case #{start + i} {batch[i].Form}: {program.Disassemble(i)}");
            else sb.Append("\n    (the pc is in harness code, not in a case)");
        }
        return sb.ToString();
    }

    private static string FirstLines(string s)
    {
        var lines = s.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        return string.Join(" | ", lines.Take(4)) + (lines.Length > 4 ? " | ..." : "");
    }

    [GeneratedRegex(@"at (?:pc )?0x([0-9a-fA-F]{1,8})")]
    private static partial Regex PcPattern();
}
