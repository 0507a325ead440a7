using System.Globalization;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Exporters;
using BenchmarkDotNet.Exporters.Csv;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Hdbt.Harness.Cli;
using Hdbt.Harness.Measure;
using Hdbt.Harness.Output;
using Hdbt.Harness.Sweep;

namespace Hdbt.Harness.Micro;

/// <summary>
/// <c>--micro</c>: the BenchmarkDotNet suite of the translator, run in process (the harness is
/// already a Release build), exported into results/&lt;date&gt;-&lt;commit&gt;-micro/ together with
/// per-guest-instruction costs (micro-per-insn.csv).
/// </summary>
public static class MicroRunner
{
    public static int Run(HarnessOptions o)
    {
        var commit = Spawner.Capture(["git", "rev-parse", "HEAD"], RepoPaths.Root);
        var folder = ResultsFolder.CreateNew(o.Out, "micro", commit, "");
        var config = ManualConfig.CreateEmpty()
            .AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance))
            .AddColumnProvider(BenchmarkDotNet.Columns.DefaultColumnProviders.Instance)
            .AddLogger(BenchmarkDotNet.Loggers.ConsoleLogger.Default)
            .AddExporter(CsvExporter.Default, MarkdownExporter.GitHub)
            .WithArtifactsPath(Path.Combine(folder.Dir, "micro"))
            .WithOptions(ConfigOptions.DisableLogFile);
        var summaries = new[]
        {
            BenchmarkRunner.Run<TranslatorBenchmarks>(config), BenchmarkRunner.Run<TcgBenchmarks>(config),
            BenchmarkRunner.Run<InterpreterBenchmarks>(config),
            // Without libLLVM its setup fails with the LlvmUnavailableException message and --micro exits 1.
            BenchmarkRunner.Run<LlvmBenchmarks>(config),
        };

        var rows = new List<string> { "benchmark,workload,mean_ns,guest_insns,ns_per_guest_insn" };
        foreach (var s in summaries)
            foreach (var r in s.Reports)
            {
                if (r.ResultStatistics == null) continue;
                string w = r.BenchmarkCase.Parameters["Workload"]?.ToString() ?? "";
                var type = r.BenchmarkCase.Descriptor.Type;
                // LlvmBenchmarks compile a fixed function, no guest code: no per-guest-instruction figure.
                long insns = type == typeof(TranslatorBenchmarks) ? TranslatorBenchmarks.GuestInsns.GetValueOrDefault(w)
                    : type == typeof(TcgBenchmarks) ? TcgBenchmarks.GuestInsns.GetValueOrDefault(w)
                    : type == typeof(InterpreterBenchmarks) ? InterpreterBenchmarks.GuestInsnsExecuted.GetValueOrDefault(w)
                    : 0;
                double mean = r.ResultStatistics.Mean;
                // BenchmarkDotNet quotes descriptions ('decode + IR'); the CSV quotes them itself.
                string name = r.BenchmarkCase.Descriptor.WorkloadMethodDisplayInfo.Trim('\'');
                rows.Add(string.Create(CultureInfo.InvariantCulture,
                    $"\"{name}\",{w},{mean:R},{insns},{(insns > 0 ? mean / insns : double.NaN):R}"));
            }
        File.WriteAllLines(Path.Combine(folder.Dir, "micro-per-insn.csv"), rows);
        SweepRunner.Say($"micro-benchmarks: {folder.Dir} (micro/results/*.csv, *.md; micro-per-insn.csv)");
        return summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success)) ? 1 : 0;
    }
}
