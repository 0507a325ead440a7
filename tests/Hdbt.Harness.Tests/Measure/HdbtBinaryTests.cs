using Hdbt.Harness.Measure;
using Hdbt.Harness.Sweep;
using Hdbt.Harness.Tests.Support;

namespace Hdbt.Harness.Tests.Measure;

/// <summary>The harness names the build it measures (tools/publish-hdbt.sh --kind), so that notes.txt can say when it is not NativeAOT.</summary>
public sealed class HdbtBinaryTests
{
    [Fact]
    public void ThePlainBuildIsJitAndIsNoted()
    {
        var hdbt = Path.Combine(RepoPaths.Root, "emulator", "bin", "Release", "net10.0", "hdbt");
        Assert.True(File.Exists(hdbt), $"build the solution in Release first ({hdbt} is missing)");
        var b = HdbtBinary.Given(hdbt);
        Assert.Equal("jit", b.Kind);
        Assert.Equal("hdbt is the jit build given by --hdbt, not NativeAOT", b.Fallback);
    }

    /// <summary>
    /// A lone ELF file with NativeAOT's code section is NativeAOT (and needs no note); a file that is neither
    /// that nor an apphost beside hdbt.dll is unknown.
    /// </summary>
    [Fact]
    public void NativeAotAndUnknownFilesAreTold()
    {
        using var dir = new TempDir();
        var aot = dir.File("hdbt");
        File.WriteAllBytes(aot, [0x7f, (byte)'E', (byte)'L', (byte)'F', .. "\0\0__managedcode\0"u8]);
        var b = HdbtBinary.Given(aot);
        Assert.Equal(HdbtBuild.NativeAot, b.Kind);
        Assert.Null(b.Fallback);
        var other = dir.File("script");
        File.WriteAllText(other, "#!/bin/sh\n");
        Assert.Equal("unknown", HdbtBinary.Kind(other));
        Assert.Equal("unknown", HdbtBinary.Kind(dir.File("missing")));
    }
}
