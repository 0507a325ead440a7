using System.Text.Json;

namespace Hdbt.Tests.Support;

/// <summary>Reads workloads/manifest.json: the benchmark kernels and the small test programs with their expected results.</summary>
public static class WorkloadManifest
{
    public sealed record Workload(string Name, string Binary, IReadOnlyDictionary<string, (string[] Args, string Expected)> Sizes, int ExpectedStatus);

    public sealed record TestProgram(string Name, string Binary, string[] Args, IReadOnlyDictionary<string, string> Env,
        string? Stdin, string ExpectedStdout, int ExpectedStatus, bool NeedsTmpdir);

    private static readonly Lazy<JsonDocument> s_doc = new(() =>
        JsonDocument.Parse(File.ReadAllText(Repo.Path("workloads", "manifest.json"))));

    public static string PathOf(string relative) => Repo.Path("workloads", relative);

    public static IEnumerable<Workload> Workloads()
    {
        foreach (var w in s_doc.Value.RootElement.GetProperty("workloads").EnumerateArray())
        {
            var sizes = new Dictionary<string, (string[], string)>();
            foreach (var s in w.GetProperty("sizes").EnumerateObject())
                sizes[s.Name] = (s.Value.GetProperty("args").EnumerateArray().Select(a => a.GetString()!).ToArray(),
                    s.Value.GetProperty("expected").GetString()!);
            yield return new Workload(w.GetProperty("name").GetString()!, w.GetProperty("binary").GetString()!, sizes,
                w.TryGetProperty("expected_status", out var st) ? st.GetInt32() : 0);
        }
    }

    public static IEnumerable<TestProgram> Tests()
    {
        foreach (var t in s_doc.Value.RootElement.GetProperty("tests").EnumerateArray())
            yield return new TestProgram(
                t.GetProperty("name").GetString()!,
                t.GetProperty("binary").GetString()!,
                t.GetProperty("args").EnumerateArray().Select(a => a.GetString()!).ToArray(),
                t.GetProperty("env").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!),
                t.GetProperty("stdin").ValueKind == JsonValueKind.Null ? null : t.GetProperty("stdin").GetString(),
                t.GetProperty("expected_stdout").GetString()!,
                t.GetProperty("expected_status").GetInt32(),
                t.GetProperty("needs_tmpdir").GetBoolean());
    }
}
