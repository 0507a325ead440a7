using Hdbt.Harness.Measure;
using Hdbt.Harness.Sweep;
using Hdbt.Harness.Tests.Support;

namespace Hdbt.Harness.Tests.Sweep;

/// <summary>The native64 builds: static x86-64 programs next to the i386 ones, printing exactly the i386 reference output.</summary>
public sealed class Native64Tests
{
    private static readonly WorkloadManifest s_manifest = new(RepoPaths.Manifest);

    [Fact]
    public void TwentyKernelsHaveAnX8664BuildAndTheOthersAreListedInBuildInfo()
    {
        var with = s_manifest.Names.Where(n => s_manifest.Get(n, "test").Binary64 != null).ToList();
        var without = s_manifest.Names.Except(with).ToList();
        Assert.Equal(20, with.Count);
        Assert.Equal(["nbody-x87", "spectralnorm-x87", "fft-x87", "fft-sse2"], without);
        var info = File.ReadAllText(Path.Combine(RepoPaths.Root, "workloads", "BUILD-INFO.txt"));
        foreach (var w in without) Assert.Contains($"no native64 build of {w}: its output", info);
        Assert.Contains("gcc -m64 -static -no-pie", info);
    }

    public static TheoryData<string> Workloads() => [.. s_manifest.Names.Where(n => s_manifest.Get(n, "test").Binary64 != null)];

    [Theory]
    [MemberData(nameof(Workloads))]
    public void TheBuildIsAStaticX8664ProgramThatPrintsTheReferenceOutput(string name)
    {
        var w = s_manifest.Get(name, "test");
        Assert.Equal(Path.GetDirectoryName(w.Binary), Path.GetDirectoryName(w.Binary64));
        Assert.Equal(Path.GetFileName(w.Binary) + ".x86_64", Path.GetFileName(w.Binary64));
        var elf = File.ReadAllBytes(w.Binary64!);
        Assert.Equal([0x7F, (byte)'E', (byte)'L', (byte)'F', 2], elf[..5]);     // ELF64
        Assert.Equal(62, BitConverter.ToUInt16(elf, 18));                          // EM_X86_64
        // Static: no PT_INTERP program header.
        ulong phoff = BitConverter.ToUInt64(elf, 32);
        int phentsize = BitConverter.ToUInt16(elf, 54), phnum = BitConverter.ToUInt16(elf, 56);
        Assert.All(Enumerable.Range(0, phnum), i => Assert.NotEqual(3u, BitConverter.ToUInt32(elf, (int)phoff + i * phentsize)));
        using var dir = new TempDir();
        var r = Spawner.Run([w.Binary64!, .. w.Args], dir.File("out"), dir.File("err"), TimeSpan.FromSeconds(60));
        Assert.Null(RunExecutor.Check(r, w, dir.File("out"), dir.File("err")));
    }
}
