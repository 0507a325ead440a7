using Hdbt.Tests.Support;

namespace Hdbt.Tests.Distribution;

/// <summary>
/// A static i386 program built by others: Debian's busybox-static, run natively and under hdbt on
/// the same inputs. It is fetched by tools/fetch-busybox.sh (which .ci/run calls), so these tests are
/// in the Category=Long suite; HDBT_BUSYBOX overrides where the binary is looked for.
/// </summary>
[Trait("Category", "Long")]
public sealed class BusyboxTests : IDisposable
{
    private readonly TempDir _dir = new();

    public BusyboxTests()
    {
        File.WriteAllText(_dir.File("words.txt"), string.Join('\n', Enumerable.Range(0, 500).Select(i => $"w{i * 7919 % 263} {i}")) + "\n");
        File.WriteAllText(_dir.File("data.csv"), "name,qty,price\napple,3,120\npear,10,45\nfig,7,300\n");
        File.WriteAllBytes(_dir.File("bytes.bin"), Enumerable.Range(0, 4096).Select(i => (byte)(i * 31 % 251)).ToArray());
        Directory.CreateDirectory(_dir.File("sub"));
        File.WriteAllText(_dir.File("sub/a"), "a\n");
        File.WriteAllText(_dir.File("sub/b"), "bb\n");
    }

    public void Dispose() => _dir.Dispose();

    private static string Busybox
    {
        get
        {
            string path = Environment.GetEnvironmentVariable("HDBT_BUSYBOX") is { Length: > 0 } p ? p : "/tmp/hdbt-busybox/bin/busybox";
            Assert.True(File.Exists(path), $"{path} is missing: run tools/fetch-busybox.sh (as root) or set HDBT_BUSYBOX");
            return path;
        }
    }

    /// <summary>Applet command lines (one process each: hdbt has no fork yet, so no pipelines), "&lt; file" feeds stdin.
    /// awk, dc, seq and sort -n/-g compute with the x87 (this busybox's awk has no math functions: no sin, ^, sqrt).</summary>
    public static TheoryData<string> Commands() =>
    [
        "echo hello world",
        "printf %05d|%-6s|%x\\\\n 42 ab 255",
        "sort -t, -k3 data.csv",
        "sort -u -r words.txt",
        "wc -l -w -c words.txt data.csv",
        "sed -n s/^w\\([0-9]*\\)\\ \\(.*\\)$/\\2:\\1/p words.txt",
        "grep -c w1[0-9]\\  words.txt",
        "grep -n -i FIG data.csv",
        "cut -d, -f1,3 data.csv",
        "tr a-z A-Z < data.csv",
        "md5sum bytes.bin words.txt",
        "sha1sum bytes.bin",
        "sha256sum data.csv",
        "od -A x -t x1 -N 64 bytes.bin",
        "hexdump -C -n 96 bytes.bin",
        "base64 bytes.bin",
        "gzip -9 -c bytes.bin",
        "bzip2 -c words.txt",
        "expr 7 * 191 + 3",
        "factor 123456789 600851475143",
        "ls -1 sub",
        "cat sub/a sub/b words.txt",
        "basename /x/y/z.txt .txt",
        "uname -s -m",
        "stat -c %s:%F:%a data.csv",
        "du -s sub",
        "find . -type f -name *.txt",
        "tar cf - sub/a sub/b",
        "awk BEGIN{for(i=1;i<=20;i++)printf(\"%.10g|%g|%d|%e|%.17g\\\\n\",1/i,i*i/7,int(i*1.7),i/3e10,(i+0.1)*1e15);print(1e300*1e10,-3%2,7.5%2,0.1+0.2,-1e-320/3)}",
        "awk {s+=$2;q+=$2*$2}END{printf(\"%.17g\\\\n%.17g\\\\n\",s/NR,q/NR-(s/NR)*(s/NR))} words.txt",
        "sort -n -r -k2 words.txt",
        "sort -g -t, -k3 data.csv",
        "seq 0.1 0.35 5",
        "seq -w 1 0.5 4",
        "dc -e 2\\ k\\ 10\\ 3\\ /\\ p\\ 2\\ v\\ p\\ 100\\ k\\ 2\\ v\\ p",
        "sh -c for\\ i\\ in\\ 3\\ 1\\ 2;\\ do\\ echo\\ $i;\\ done;\\ echo\\ $((1<<20))\\ $((-7/2))\\ $((123456789*7%1000003))",
    ];

    /// <summary>Splits on unescaped spaces ("\ " is a space inside an argument).</summary>
    private static (List<string> Args, string? Stdin) Parse(string command)
    {
        var args = new List<string>();
        string? stdin = null;
        var current = new System.Text.StringBuilder();
        for (int i = 0; i < command.Length; i++)
        {
            if (command[i] == '\\' && i + 1 < command.Length) { current.Append(command[++i]); continue; }
            if (command[i] != ' ') { current.Append(command[i]); continue; }
            if (current.Length > 0) { args.Add(current.ToString()); current.Clear(); }
        }
        if (current.Length > 0) args.Add(current.ToString());
        int lt = args.IndexOf("<");
        if (lt >= 0) { stdin = args[lt + 1]; args.RemoveRange(lt, 2); }
        return (args, stdin);
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public void AppletMatchesNative(string command)
    {
        var (args, stdinFile) = Parse(command);
        string? stdin = stdinFile != null ? File.ReadAllText(_dir.File(stdinFile)) : null;
        var native = ChildProcess.Run(Busybox, args, stdin: stdin, workDir: _dir.Path);
        var emulated = ChildProcess.RunHdbt([Busybox, .. args], stdin: stdin, workDir: _dir.Path);
        Assert.True(native.ExitCode == 0, $"native run failed: {native}");
        Assert.True(native.ExitCode == emulated.ExitCode, $"native {native}\nhdbt {emulated}");
        Assert.Equal(native.Stdout, emulated.Stdout);
    }
}
