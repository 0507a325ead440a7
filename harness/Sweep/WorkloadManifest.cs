using System.Text.Json;

namespace Hdbt.Harness.Sweep;

/// <summary>Reads workloads/manifest.json (schema 1): the benchmark kernels with their sizes and expected outputs.</summary>
public sealed class WorkloadManifest
{
    private readonly Dictionary<string, JsonElement> _byName = [];
    private readonly string _dir;

    public WorkloadManifest(string manifestPath)
    {
        _dir = Path.GetDirectoryName(Path.GetFullPath(manifestPath))!;
        using var doc = JsonDocument.Parse(File.ReadAllText(manifestPath));
        foreach (var w in doc.RootElement.GetProperty("workloads").EnumerateArray())
        {
            var name = w.GetProperty("name").GetString()!;
            Names.Add(name);
            _byName[name] = w.Clone();
        }
    }

    /// <summary>Workload names in manifest order.</summary>
    public List<string> Names { get; } = [];

    /// <summary>Sizes a workload has (test, ref, ...).</summary>
    public IEnumerable<string> Sizes(string name) => _byName[name].GetProperty("sizes").EnumerateObject().Select(p => p.Name);

    public string Description(string name) => _byName[name].TryGetProperty("description", out var d) ? d.GetString() ?? "" : "";

    /// <summary>Resolves "*" and names; throws <see cref="FormatException"/> naming an unknown workload.</summary>
    public List<string> Resolve(IEnumerable<string> requested)
    {
        var result = new List<string>();
        foreach (var r in requested)
        {
            if (r == "*") { foreach (var n in Names) if (!result.Contains(n)) result.Add(n); continue; }
            if (!_byName.ContainsKey(r)) throw new FormatException($"unknown workload '{r}' (known: {string.Join(", ", Names)})");
            if (!result.Contains(r)) result.Add(r);
        }
        return result;
    }

    public Workload Get(string name, string size)
    {
        var w = _byName[name];
        if (!w.GetProperty("sizes").TryGetProperty(size, out var s))
            throw new FormatException($"workload {name} has no size '{size}' (sizes: {string.Join(", ", Sizes(name))})");
        return new Workload(
            name,
            w.TryGetProperty("category", out var c) ? c.GetString() ?? "" : "",
            Path.Combine(_dir, w.GetProperty("binary").GetString()!),
            s.GetProperty("args").EnumerateArray().Select(a => a.GetString()!).ToList(),
            Path.Combine(_dir, s.GetProperty("expected").GetString()!),
            w.TryGetProperty("expected_status", out var st) ? st.GetInt32() : 0,
            w.TryGetProperty("binary64", out var b64) && b64.ValueKind == JsonValueKind.String ? Path.Combine(_dir, b64.GetString()!) : null);
    }
}
