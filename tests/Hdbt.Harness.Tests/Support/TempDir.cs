namespace Hdbt.Harness.Tests.Support;

/// <summary>A scratch directory removed at dispose (kept when HDBT_KEEP_TEST_OUTPUT=1, to look at figures).</summary>
public sealed class TempDir : IDisposable
{
    public TempDir()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "harness-test-" + Guid.NewGuid().ToString("N")[..10]);
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        if (Environment.GetEnvironmentVariable("HDBT_KEEP_TEST_OUTPUT") == "1") return;
        try { Directory.Delete(Path, recursive: true); } catch (IOException) { }
    }
}
