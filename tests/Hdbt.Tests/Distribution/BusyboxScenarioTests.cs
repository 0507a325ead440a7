using Hdbt.Tests.Support;

namespace Hdbt.Tests.Distribution;

/// <summary>
/// Busybox applets that change files (copy trees, extract archives, compress, move, remove), a few
/// steps each: the reference (<see cref="Busybox.RunOracle"/>) and hdbt each run every step in a
/// directory of their own holding the same <see cref="BusyboxTree"/>; each step's status and stdout
/// must agree, and at the end the two trees must hold the same names, types, permissions, contents
/// and, where the applets set them, file times (<see cref="TreeSnapshot"/>).
/// </summary>
[Trait("Category", "Long")]
public sealed class BusyboxScenarioTests : IDisposable
{
    private readonly TempDir _root = new();

    public void Dispose() => _root.Dispose();

    /// <summary>
    /// Steps (command lines, see <see cref="Busybox.Parse"/>), and the folder whose files' times are
    /// compared, because the applets set them from their source (null: none; other files get the time of the run).
    /// </summary>
    private static readonly Dictionary<string, (string[] Steps, string? TimesUnder)> s_scenarios = new()
    {
        ["cp -r"] = (["cp -r sub copy", "ls -1R copy", "cmp sub/deep/c copy/deep/c"], null),
        ["cp -a"] = (["cp -a sub copy", "ls -lnR copy", "stat -c %n:%a:%Y copy/b copy/deep"], "copy"),
        ["tar x"] = (["mkdir out", "tar xvf archive.tar -C out", "ls -lnR out/pkg/bin", "readlink out/pkg/latest"], "out"),
        ["tar c and x"] = (["tar cf new.tar sub link", "mkdir back", "tar xf new.tar -C back", "tar tf new.tar", "cmp sub/deep/c back/sub/deep/c"], "back"),
        ["unzip"] = (["unzip archive.zip -d unz", "ls -1R unz", "unzip -o archive.zip zip/two.txt -d unz"], null),
        ["compress"] = (["gzip -k words.txt", "gunzip -c words.txt.gz", "bzip2 -k data.csv", "bzip2 -d -c data.csv.bz2",
            "lzop bytes.bin", "lzop -d -c bytes.bin.lzo", "md5sum words.txt.gz data.csv.bz2 bytes.bin.lzo", "gzip -d -f words.txt.gz"], null),
        ["file ops"] = (["mkdir -p x/y/z", "cp data.csv x/y/z/f", "truncate -s 5000 x/y/z/f", "touch -d 2010-01-02\\ 03:04:05 x/y/z/f",
            "mv x/y/z/f x/g", "chmod 751 x/g", "ln -s ../data.csv x/l", "dd if=bytes.bin of=x/part bs=512 skip=2 count=3",
            "rm -r x/y", "stat -c %n:%s:%a:%Y x/g", "stat -c %n:%s:%a x/part", "readlink x/l", "ls -1R x"], null),
    };

    public static TheoryData<string> Scenarios() => new(s_scenarios.Keys);

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void ScenarioMatchesNative(string name)
    {
        var (steps, timesUnder) = s_scenarios[name];
        string oracle = Busybox.OracleDescription;
        string nativeDir = Tree("native");
        var hdbtDirs = ExecutionModes.Built.ToDictionary(m => m, m => Tree("hdbt-" + m));
        // Where the i386 busybox is the reference, the amd64 build must agree: it is the reference elsewhere.
        string? amd64Dir = NativeOracle.RunsI386 ? Tree("amd64") : null;
        foreach (var step in steps)
        {
            var cmd = Busybox.Parse(step);
            var native = Busybox.RunOracle(cmd, nativeDir);
            Assert.True(native.ExitCode == 0, $"{name}: step {step}: the reference run failed ({oracle}): {native}");
            if (amd64Dir != null)
            {
                var amd64 = Busybox.Run(Busybox.Amd64, cmd, amd64Dir);
                Assert.True(Same(native, amd64), $"{name}: the amd64 busybox differs from the i386 one run natively:\n" + Busybox.Compare(step, "i386", native, "amd64", amd64));
            }
            foreach (var (mode, hdbtDir) in hdbtDirs)
            {
                var emulated = Busybox.RunHdbt(cmd, hdbtDir, mode);
                Assert.True(Same(native, emulated), $"{name} --mode {mode} ({oracle}):\n" + Busybox.Compare(step, "native", native, "hdbt", emulated));
            }
        }
        var expected = TreeSnapshot.Take(nativeDir, timesUnder);
        if (amd64Dir != null)
        {
            string d = TreeSnapshot.Difference("i386", expected, "amd64", TreeSnapshot.Take(amd64Dir, timesUnder));
            Assert.True(d.Length == 0, $"{name}: the amd64 busybox left a different tree than the i386 one run natively:\n{d}");
        }
        foreach (var (mode, hdbtDir) in hdbtDirs)
        {
            string diff = TreeSnapshot.Difference("native", expected, "hdbt", TreeSnapshot.Take(hdbtDir, timesUnder));
            Assert.True(diff.Length == 0, $"{name} --mode {mode}: the trees differ after {string.Join("; ", steps)} ({oracle}):\n{diff}");
        }
    }

    /// <summary>A fresh copy of the test files for one side.</summary>
    private string Tree(string side)
    {
        string dir = _root.File(side);
        Directory.CreateDirectory(dir);
        BusyboxTree.Create(dir);
        return dir;
    }

    private static bool Same(ProcessResult a, ProcessResult b) => a.ExitCode == b.ExitCode && a.Stdout.AsSpan().SequenceEqual(b.Stdout);
}
