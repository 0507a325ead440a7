using Hdbt.Tests.Support;

namespace Hdbt.Tests.Distribution;

/// <summary>
/// A static i386 program built by others: Debian's busybox-static, applet by applet under hdbt
/// against the real CPU on the same files (<see cref="BusyboxTree"/>, one fresh directory per
/// test; the commands here only read it). The reference is chosen by <see cref="Busybox"/>: the
/// i386 busybox natively where the host runs i386 programs, else Debian's amd64 build of the same
/// version for the applets whose output does not depend on the word size, and outputs recorded from
/// the i386 build (Recorded/, with their provenance) for those that do. Both builds are fetched by
/// tools/fetch-busybox.sh (which .ci/run calls), so these tests are in the Category=Long suite; a
/// missing busybox fails them with what to run.
/// </summary>
[Trait("Category", "Long")]
public sealed class BusyboxTests : IDisposable
{
    private readonly TempDir _dir = new();

    public BusyboxTests() => BusyboxTree.Create(_dir.Path);

    public void Dispose() => _dir.Dispose();

    /// <summary>
    /// Applet command lines and their exit status (see <see cref="Busybox.Parse"/> for the syntax).
    /// awk, dc, seq and sort -g compute with the x87 in the i386 build and with SSE2 in the amd64 one;
    /// for these inputs both print the same (Recorded/README.md says how that was checked). This
    /// busybox's awk has no math functions (no sin, ^, sqrt).
    /// </summary>
    public static TheoryData<string, int> Commands()
    {
        var data = new TheoryData<string, int>();
        void Add(int status, params string[] lines) { foreach (var l in lines) data.Add(l, status); }
        // Text.
        Add(0,
            "echo hello world",
            "printf %05d|%-6s|%x\\\\n 42 ab 255",
            "sort -t, -k3 data.csv",
            "sort -u -r words.txt",
            "sort -k2,2n -k1,1 words.txt",
            "wc -l -w -c words.txt data.csv",
            "sed -n s/^w\\([0-9]*\\)\\ \\(.*\\)$/\\2:\\1/p words.txt",
            "grep -c w1[0-9]\\  words.txt",
            "grep -n -i FIG data.csv",
            "grep -E -o w2[0-9]+\\ 1[0-9]$ words.txt",
            "cut -d, -f1,3 data.csv",
            "tr a-z A-Z < data.csv",
            "head -n 3 words.txt",
            "tail -n 5 words.txt",
            "uniq -c sub/deep/c",
            "nl -ba data.csv",
            "fold -w 7 data.csv",
            "paste -d: sub/a sub/b data.csv",
            "rev data.csv",
            "tac data.csv",
            "strings -n 6 bytes.bin",
            "expr 7 * 191 + 3",
            "factor 123456789 600851475143",
            "basename /x/y/z.txt .txt",
            "uname -s -m",
            "cal 2 2000",
            "date -u -d @2147483647 +%Y-%m-%dT%H:%M:%S",
            "date -u -d 2038-01-19\\ 03:14:07 +%s",
            "sh -c for\\ i\\ in\\ 3\\ 1\\ 2;\\ do\\ echo\\ $i;\\ done;\\ echo\\ $((1<<20))\\ $((-7/2))\\ $((123456789*7%1000003))",
            "bc -l < calc.bc");
        Add(1, "diff -u data.csv words.txt", "cmp bytes.bin words.txt");
        // Floating point (x87 in the i386 build).
        Add(0,
            "awk BEGIN{for(i=1;i<=20;i++)printf(\"%.10g|%g|%d|%e|%.17g\\\\n\",1/i,i*i/7,int(i*1.7),i/3e10,(i+0.1)*1e15);print(1e300*1e10,-3%2,7.5%2,0.1+0.2,-1e-320/3)}",
            "awk {s+=$2;q+=$2*$2}END{printf(\"%.17g\\\\n%.17g\\\\n\",s/NR,q/NR-(s/NR)*(s/NR))} words.txt",
            "sort -n -r -k2 words.txt",
            "sort -g -t, -k3 data.csv",
            "seq 0.1 0.35 5",
            "seq -w 1 0.5 4",
            "dc -e 2\\ k\\ 10\\ 3\\ /\\ p\\ 2\\ v\\ p\\ 100\\ k\\ 2\\ v\\ p");
        // Files and directories (stat, getdents, lseek).
        Add(0,
            "cat sub/a sub/b words.txt",
            "stat -c %n:%s:%F:%a:%h:%Y data.csv sub/a sub/b sub link",
            "readlink link",
            "ls -1 sub",
            "ls -ln",
            "ls -lnR .",
            "ls -lna sub",
            "ls -lnt",
            "ls -1SR",
            "ls -lnL link",
            "du -s sub",
            "du -a .",
            "du -k sub",
            "find . -type f -name *.txt",
            "find . -type d",
            "find . -size +1k",
            "find sub -type f -newer data.csv",
            "find . -type f -name *.bin -o -name *.csv",
            "od -A x -t x1 -N 64 bytes.bin",
            "od -A d -t d2 -j 1000 -N 32 bytes.bin",
            "hexdump -C -n 96 bytes.bin",
            "hexdump -C -s 100 -n 200 bytes.bin",
            "xxd -l 64 -s 2000 bytes.bin",
            "head -c 100 bytes.bin",
            "tail -c 50 bytes.bin",
            "dd if=bytes.bin bs=100 skip=3 count=2");
        // Archives.
        Add(0,
            "tar cf - sub/a sub/b",
            "tar cf - sub link",
            "tar tvf archive.tar",
            "tar xOf archive.tar pkg/readme.txt",
            "cpio -o -H newc < list.txt",
            "unzip -l archive.zip",
            "unzip -p archive.zip zip/two.txt",
            "uuencode bytes.bin bytes.bin",
            "base64 bytes.bin");
        // Hashing.
        Add(0,
            "md5sum bytes.bin words.txt",
            "md5sum -c sums.md5",
            "sha1sum bytes.bin",
            "sha256sum data.csv",
            "sha512sum bytes.bin words.txt",
            "sha3sum bytes.bin",
            "crc32 bytes.bin");
        // Compression.
        Add(0,
            "gzip -9 -c bytes.bin",
            "gzip -1 -c words.txt",
            "gunzip -c data.gz",
            "bzip2 -c words.txt",
            "lzop -c words.txt");
        return data;
    }

    /// <summary>The applet under hdbt prints what it prints on the real CPU, and ends the same way.</summary>
    [Theory]
    [MemberData(nameof(Commands))]
    public void AppletMatchesNative(string command, int status)
    {
        var cmd = Busybox.Parse(command);
        string oracle = Busybox.OracleDescription;
        var native = Busybox.RunOracle(cmd, _dir.Path);
        Assert.True(native.ExitCode == status, $"{command}: the reference run exited {native.ExitCode}, the test expects {status} ({oracle}): {native}");
        if (NativeOracle.RunsI386)
        {
            // Keeps the list honest for hosts without i386 support, where the amd64 build is the reference.
            var amd64 = Busybox.Run(Busybox.Amd64, cmd, _dir.Path);
            Assert.True(Same(native, amd64), "the amd64 busybox differs from the i386 one run natively, so this command's output depends on the word size: " +
                "record its i386 output (Recorded/README.md) and move it to RecordedCommands.\n" + Busybox.Compare(command, "i386", native, "amd64", amd64));
        }
        foreach (var mode in ExecutionModes.Built)
        {
            var emulated = Busybox.RunHdbt(cmd, _dir.Path, mode);
            Assert.True(Same(native, emulated), $"--mode {mode}: {oracle}\n" + Busybox.Compare(command, "native", native, "hdbt", emulated));
        }
    }

    /// <summary>
    /// Commands whose i386 output differs from the amd64 build's (Debian 12's i386 busybox has a 32-bit
    /// time_t): key of the files in Recorded/, command, exit status of the i386 build.
    /// </summary>
    public static TheoryData<string, string, int> RecordedCommands() => new()
    {
        { "date-epoch-2038", "date -u -d @2147483648 +%Y-%m-%dT%H:%M:%S", 1 },
        { "date-epoch-1901", "date -u -d @-2147483649 +%Y-%m-%dT%H:%M:%S", 1 },
        { "date-parse-2038", "date -u -d 2038-01-19\\ 03:14:08 +%s", 1 },
    };

    /// <summary>
    /// The applet under hdbt prints the recorded i386 output (stdout and stderr) and status. Where the
    /// host runs i386 programs, the native run must give the record too; everywhere, the amd64 build must
    /// not, or the command would not need a record.
    /// </summary>
    [Theory]
    [MemberData(nameof(RecordedCommands))]
    public void AppletMatchesRecordedI386Output(string key, string command, int status)
    {
        var cmd = Busybox.Parse(command);
        string dir = Repo.Path("tests", "Hdbt.Tests", "Distribution", "Recorded");
        var recorded = new ProcessResult(status, File.ReadAllBytes(Path.Combine(dir, key + ".stdout")), File.ReadAllText(Path.Combine(dir, key + ".stderr")));
        const string Label = "recorded i386";
        if (NativeOracle.RunsI386)
        {
            var native = Busybox.Run(Busybox.I386, cmd, _dir.Path);
            Assert.True(Same(recorded, native) && recorded.Stderr == native.Stderr, "the i386 busybox run natively no longer gives the record: " +
                Busybox.Compare(command, Label, recorded, "native", native));
        }
        var amd64 = Busybox.Run(Busybox.Amd64, cmd, _dir.Path);
        Assert.False(Same(recorded, amd64) && recorded.Stderr == amd64.Stderr,
            $"{command}: the amd64 busybox gives the recorded i386 output ({Busybox.Version}), so the command does not depend on the word size: move it to Commands");
        foreach (var mode in ExecutionModes.Built)
        {
            var emulated = Busybox.RunHdbt(cmd, _dir.Path, mode);
            Assert.True(Same(recorded, emulated) && recorded.Stderr == emulated.Stderr,
                $"--mode {mode}: oracle: Recorded/{key}.stdout and .stderr (see Recorded/README.md)\n" + Busybox.Compare(command, Label, recorded, "hdbt", emulated));
        }
    }

    private static bool Same(ProcessResult a, ProcessResult b) => a.ExitCode == b.ExitCode && a.Stdout.AsSpan().SequenceEqual(b.Stdout);
}
