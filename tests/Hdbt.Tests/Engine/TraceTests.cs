using System.Text.Json;
using Hdbt.Engine;
using Hdbt.Loader;
using Hdbt.Profiling;
using Hdbt.Tests.Support;

namespace Hdbt.Tests.Engine;

/// <summary>
/// Traces under self-modifying code, on the guest thread and on worker threads: a hot loop calls a function through
/// the jump cache 100000 times and rewrites it halfway, so the traces that hold it must go and be formed again, and a
/// trace compiled on a worker while its code changes must not be installed.
/// </summary>
public sealed class TraceTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    public static TheoryData<string> Modes => [.. ExecutionModes.Built];

    /// <summary>The sum of f's results: 50001 calls return 1, then f is rewritten and 49999 calls return 2; exit status sum mod 256.</summary>
    private const int Expected = (50001 * 1 + 49999 * 2) & 0xFF;

    /// <summary>
    /// mprotect(page, RWX); esi = 100000; edi = 0; loop: call f through eax; edi += ebx; at esi == 50000 rewrite f's
    /// immediate to 2; dec esi; jnz loop; exit(edi). f: mov ebx, 1; ret.
    /// </summary>
    private string Program()
    {
        const uint code = TinyElf.Base + 84, f = code + 65;
        byte[] B(uint v) => BitConverter.GetBytes(v);
        byte[] program =
        [
            0xB8, 125, 0, 0, 0, 0xBB, .. B(TinyElf.Base), 0xB9, 0, 0x10, 0, 0, 0xBA, 7, 0, 0, 0, 0xCD, 0x80, // mprotect
            0xBE, .. B(100000), 0x31, 0xFF,                     // mov esi, 100000; xor edi, edi
            0xB8, .. B(f), 0xFF, 0xD0, 0x01, 0xDF,              // loop: mov eax, f; call eax; add edi, ebx
            0x81, 0xFE, .. B(50000), 0x75, 0x07,                // cmp esi, 50000; jne skip
            0xC6, 0x05, .. B(f + 1), 2,                         // mov byte [f + 1], 2
            0x4E, 0x75, 0xE5,                                   // skip: dec esi; jnz loop
            0x89, 0xFB, 0xB8, 1, 0, 0, 0, 0xCD, 0x80,           // exit(edi)
            0xBB, 1, 0, 0, 0, 0xC3,                             // f: mov ebx, 1; ret
        ];
        Assert.Equal(65, program.Length - 6);
        return TinyElf.Save(_dir.File("smcloop"), TinyElf.I386(program));
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public void Rewriting_code_inside_a_hot_loop_gives_the_new_code_with_traces(string mode)
    {
        string program = Program();
        foreach (string[] options in new[] { Array.Empty<string>(), ["--traces", "--threshold", "3"], ["--traces", "--threshold", "3", "--trace-len", "1"] })
        {
            string json = _dir.File($"{mode}-{Guid.NewGuid():N}.json");
            var r = ChildProcess.RunHdbt(["--mode", mode, "--stats-json", json, .. options, program]);
            Assert.True(r.ExitCode == Expected, $"--mode {mode} {string.Join(' ', options)}: exit {r.ExitCode}, expected {Expected}: {r.Stderr}");
            if (options.Length == 0) continue;
            using var stats = JsonDocument.Parse(File.ReadAllText(json));
            Assert.True(stats.RootElement.GetProperty("traces").GetInt64() >= 2, $"{mode} {string.Join(' ', options)}: the loop's trace was not formed again after the rewrite");
            Assert.True(stats.RootElement.GetProperty("blocks_invalidated").GetInt64() > 0);
        }
    }

    /// <summary>
    /// The same on worker threads (hybridm's machinery, here with the interpreter compiling the traces): the result is
    /// right whatever the workers' timing, and the workers did compile traces.
    /// </summary>
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public unsafe void Traces_compiled_on_worker_threads_are_installed_or_discarded_correctly(int threads)
    {
        string program = Program();
        using var emulator = new Emulator(new EmulatorOptions
        {
            Mode = ExecutionMode.Interp, FormTraces = true, TraceThreads = threads, Threshold = 3, Log = TextWriter.Null,
            Translator = new Hdbt.Frontend.TranslatorOptions { VerifyIr = true },
        });
        var result = emulator.Run(ElfFile.Load(program), program, [program], []);
        Assert.Equal(Expected, result.ExitStatus);
        Assert.True(emulator.Statistics[CounterId.Traces] >= 2);
        Assert.True(emulator.Statistics.IsCounted(CounterId.TraceWorkerTime));
    }
}
