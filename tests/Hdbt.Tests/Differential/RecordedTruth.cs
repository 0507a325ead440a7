using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using Hdbt.Tests.Support;

namespace Hdbt.Tests.Differential;

/// <summary>
/// What the real CPU did on the cases that 64-bit code cannot express (<see cref="X64Translator"/>),
/// recorded once and committed: one file per case set, <c>Recorded/NAME.truth.gz</c>, holding for
/// each case a key (a hash of everything the case is made of) and its outcome (the output record,
/// or for cases run alone the exit status and output).
/// </summary>
/// <remarks>
/// <para>The key covers the set name, the case's index, its machine code as it lies in the batch
/// program, its registers, flags, memory image and FP image, so a case that changes in any way has
/// no truth until it is recorded again: the test then fails and says so, it never compares with a
/// stale outcome.</para>
/// <para>Recording: <c>HDBT_DIFF_RECORD=1</c> makes the differential tests record the outcome of
/// every case that is not translatable (and compare nothing). Where the host executes i386 code the
/// outcome comes from the CPU running the i386 program; elsewhere <c>HDBT_DIFF_RECORD_WITH</c> must
/// name an emulator command whose results are known to equal the CPU's for exactly these cases,
/// e.g. <c>hdbt --mode interp</c> built from commit d509a89 (the last commit whose CI compared
/// every seeded case with the real CPU and passed), and <c>HDBT_DIFF_RECORD_SOURCE</c> says so in
/// the file's header, which the failure messages quote.</para>
/// </remarks>
public sealed class RecordedTruth
{
    private const string Magic = "hdbt-diff-truth 1";

    private static readonly Lock s_lock = new();
    private static readonly Dictionary<string, RecordedTruth> s_loaded = [];

    private readonly Dictionary<string, byte[]> _entries;

    private RecordedTruth(string setName, string source, Dictionary<string, byte[]> entries)
    {
        SetName = setName;
        Source = source;
        _entries = entries;
    }

    public string SetName { get; }

    /// <summary>Where the outcomes came from (the file's header), e.g. "native i386 run on ...".</summary>
    public string Source { get; private set; }

    public int Count => _entries.Count;

    /// <summary>The committed file of a set.</summary>
    public static string PathOf(string setName) => Repo.Path("tests", "Hdbt.Tests", "Differential", "Recorded", setName + ".truth.gz");

    /// <summary>The recorded truth of a set (empty if it has no file), loaded once per test run.</summary>
    public static RecordedTruth For(string setName)
    {
        lock (s_lock)
        {
            if (s_loaded.TryGetValue(setName, out var t)) return t;
            t = Load(setName);
            s_loaded[setName] = t;
            return t;
        }
    }

    /// <summary>
    /// Makes <paramref name="entries"/> the truth of a set for the rest of this test run, without touching
    /// any file: for the harness's own tests (a deliberately wrong outcome must make a test fail).
    /// </summary>
    public static void UseInMemory(string setName, string source, IEnumerable<(string Key, byte[] Outcome)> entries)
    {
        lock (s_lock) s_loaded[setName] = new RecordedTruth(setName, source, entries.ToDictionary(e => e.Key, e => e.Outcome));
    }

    /// <summary>The key of a case: a hash of the set name, the case's index in the set, its code and its start state.</summary>
    public static string Key(string setName, int index, ReadOnlySpan<byte> code, SnippetCase c, byte[] defaultMemory, FpuKind fpu)
    {
        using var h = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        h.AppendData(Encoding.UTF8.GetBytes($"{setName}\n{index}\n{fpu}\n{c.Flags:x8}\n"));
        foreach (uint r in c.Regs) h.AppendData(BitConverter.GetBytes(r));
        h.AppendData(code);
        h.AppendData(c.Memory ?? defaultMemory);
        if (fpu != FpuKind.None) h.AppendData((c.Fpu ?? new FpuInit()).ToImage());
        return Convert.ToHexString(h.GetHashAndReset(), 0, 16);
    }

    /// <summary>The recorded outcome of a case, or null.</summary>
    public byte[]? Get(string key)
    {
        lock (s_lock) return _entries.GetValueOrDefault(key);
    }

    /// <summary>Adds outcomes and rewrites the file (atomically), keeping the entries already there.</summary>
    public void Save(IEnumerable<(string Key, byte[] Outcome)> outcomes, string source)
    {
        lock (s_lock)
        {
            foreach (var (key, outcome) in outcomes) _entries[key] = outcome;
            Source = source;
            string path = PathOf(SetName);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            string tmp = path + ".tmp";
            using (var file = File.Create(tmp))
            using (var gz = new GZipStream(file, CompressionLevel.SmallestSize))
            using (var w = new BinaryWriter(gz))
            {
                w.Write(Magic);
                w.Write(source);
                w.Write(_entries.Count);
                // Sorted by key: the same truth always makes the same file.
                foreach (var (key, outcome) in _entries.OrderBy(e => e.Key, StringComparer.Ordinal))
                {
                    w.Write(key);
                    w.Write(outcome.Length);
                    w.Write(outcome);
                }
            }
            File.Move(tmp, path, overwrite: true);
        }
    }

    private static RecordedTruth Load(string setName)
    {
        string path = PathOf(setName);
        var entries = new Dictionary<string, byte[]>();
        if (!File.Exists(path)) return new RecordedTruth(setName, "(nothing recorded)", entries);
        using var gz = new GZipStream(File.OpenRead(path), CompressionMode.Decompress);
        using var r = new BinaryReader(gz);
        if (r.ReadString() != Magic) throw new InvalidDataException($"{path}: not a recorded-truth file");
        string source = r.ReadString();
        int n = r.ReadInt32();
        for (int i = 0; i < n; i++)
        {
            string key = r.ReadString();
            entries[key] = r.ReadBytes(r.ReadInt32());
        }
        return new RecordedTruth(setName, source, entries);
    }
}
