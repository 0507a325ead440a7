using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using Hdbt.Harness.Measure;
using Hdbt.Harness.Sweep;

namespace Hdbt.Harness.Output;

/// <summary>env.json: the machine and software a sweep ran on, so that a figure can be traced back to its conditions.</summary>
public static class EnvInfo
{
    /// <summary>
    /// Everything env.json holds. <paramref name="build"/>: the hdbt measured, named by its kind (nativeaot, or
    /// the fallback it is and why). <paramref name="host"/>: hdbt's answer to <c>--host-info</c> (null when it
    /// gave none), recorded with what the sweep did about the native baseline (the note of a skipped row).
    /// </summary>
    public static JsonObject Collect(HdbtBuild? build, SweepDefinition def, IReadOnlyList<string> commandLine, HostInfo? host = null, MachineCheck? machine = null)
    {
        var hdbt = build?.Path;
        string? Read(string path) { try { return File.ReadAllText(path).Trim(); } catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return null; } }
        var cpuinfo = Read("/proc/cpuinfo") ?? "";
        string? cpuModel = cpuinfo.Split('\n').FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim();
        var root = RepoPaths.Root;
        var commit = Spawner.Capture(["git", "rev-parse", "HEAD"], root);
        var dirty = Spawner.Capture(["git", "status", "--porcelain", "--untracked-files=no"], root);
        var qemu = Spawner.FindOnPath("qemu-i386");
        var llvm = LlvmLibraries();
        var o = new JsonObject
        {
            ["cpu_model"] = cpuModel,
            ["logical_cores"] = Environment.ProcessorCount,
            ["memory_total_kib"] = (Read("/proc/meminfo") ?? "").Split('\n').FirstOrDefault(l => l.StartsWith("MemTotal", StringComparison.Ordinal))?.Split(':')[1].Trim(),
            ["kernel"] = Read("/proc/sys/kernel/osrelease"),
            ["os"] = RuntimeInformation.OSDescription,
            ["hostname"] = Environment.MachineName,
            ["load_average_at_start"] = Read("/proc/loadavg"),
            ["machine_check"] = machine?.ToJson(),
            ["pinned_cpus"] = def.PinCpus is { } pin ? CpuSet.Format(pin) : "not pinned",
            ["dotnet"] = RuntimeInformation.FrameworkDescription,
            ["hdbt"] = hdbt,
            ["hdbt_version"] = hdbt != null ? Spawner.Capture([hdbt, "--version"]) : null,
            ["hdbt_build"] = build?.Kind,
            ["hdbt_build_fallback"] = build?.Fallback,
            ["llvm_libraries"] = new JsonArray(llvm.Select(l => (JsonNode?)JsonValue.Create(l)).ToArray()),
            ["host_i386_exec"] = host == null ? "unknown: hdbt --host-info did not answer" : $"{(host.CanExecI386 ? "yes" : "no")} ({host.ExecDetail})",
            ["host_int80"] = host == null ? "unknown: hdbt --host-info did not answer" : $"{(host.HasInt80 ? "yes" : "no")} ({host.Int80Detail})",
            ["native_baseline"] = !def.Profile.Baselines.Contains("native") ? "not requested"
                : def.Modes.Any(m => m.Name == "native") ? "run: the i386 programs directly on this host"
                : def.Notes.FirstOrDefault(n => n.StartsWith("native:", StringComparison.Ordinal)) ?? "skipped",
            ["native64_baseline"] = !def.Profile.Baselines.Contains("native64") ? "not requested"
                : def.Modes.Any(m => m.Name == "native64") ? $"run: the same sources built for x86-64 (gcc -m64 -static), {def.Native64Workloads?.Count} of {def.Workloads.Count} workloads"
                : "skipped: no workload of this sweep has an x86-64 build",
            ["qemu_i386"] = qemu != null ? Spawner.Capture([qemu, "--version"])?.Split('\n')[0] : "not installed (apt-get install qemu-user)",
            ["git_commit"] = commit,
            ["git_dirty"] = dirty == null ? null : dirty.Length > 0,
            ["started_utc"] = DateTime.UtcNow.ToString("o"),
            ["command_line"] = string.Join(" ", commandLine.Select(a => a.Contains(' ') ? $"'{a}'" : a)),
            ["profile"] = JsonNode.Parse(def.Profile.ToJson()),
            ["modes_run"] = new JsonArray(def.Modes.Select(m => (JsonNode?)JsonValue.Create(m.Name)).ToArray()),
            ["modes_skipped"] = new JsonArray(def.SkippedModes.Select(m => (JsonNode?)JsonValue.Create(m)).ToArray()),
            ["baseline_mode"] = def.BaselineMode,
            ["shard"] = def.ShardLabel,
        };
        return o;
    }

    /// <summary>libLLVM shared objects present (the llvm modes load the newest at run time).</summary>
    private static List<string> LlvmLibraries()
    {
        var found = new List<string>();
        foreach (var dir in new[] { "/usr/lib/x86_64-linux-gnu", "/usr/lib64", "/usr/lib" })
            if (Directory.Exists(dir))
                found.AddRange(Directory.EnumerateFiles(dir, "libLLVM*.so*").Select(Path.GetFileName).OfType<string>());
        return found.Distinct().Order(StringComparer.Ordinal).ToList();
    }

    public static void Write(string path, JsonObject env)
    {
        var tmp = path + ".tmp";
        File.WriteAllText(tmp, env.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) + "\n");
        File.Move(tmp, path, overwrite: true);
    }
}
