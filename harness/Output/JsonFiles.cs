using System.Text.Json;
using Hdbt.Harness.Sweep;

namespace Hdbt.Harness.Output;

/// <summary>JSON files of a results folder, written atomically.</summary>
public static class JsonFiles
{
    public static void Write<T>(string path, T value)
    {
        var tmp = path + ".tmp";
        File.WriteAllText(tmp, JsonSerializer.Serialize(value, Profile.JsonOptions) + "\n");
        File.Move(tmp, path, overwrite: true);
    }

    public static T Read<T>(string path) =>
        JsonSerializer.Deserialize<T>(File.ReadAllText(path), Profile.JsonOptions) ?? throw new FormatException($"{path}: empty");

    /// <summary>
    /// Flattens the numbers of an <c>hdbt --stats-json</c> file: nested objects become
    /// <c>outer.inner</c>, arrays <c>name.index</c>; strings are dropped. No key list is assumed,
    /// so counters that new modes add appear without changes here.
    /// </summary>
    public static Dictionary<string, double> FlattenNumbers(string json)
    {
        var result = new Dictionary<string, double>();
        using var doc = JsonDocument.Parse(json);
        void Walk(JsonElement e, string prefix)
        {
            switch (e.ValueKind)
            {
                case JsonValueKind.Number: result[prefix] = e.GetDouble(); break;
                case JsonValueKind.Object:
                    foreach (var p in e.EnumerateObject()) Walk(p.Value, prefix.Length == 0 ? p.Name : prefix + "." + p.Name);
                    break;
                case JsonValueKind.Array:
                    int i = 0;
                    foreach (var x in e.EnumerateArray()) Walk(x, prefix + "." + i++);
                    break;
            }
        }
        Walk(doc.RootElement, "");
        return result;
    }
}
