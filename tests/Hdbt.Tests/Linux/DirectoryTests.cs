using Hdbt.Linux;
using Hdbt.Tests.Support;
using Hdbt.Host;

namespace Hdbt.Tests.Linux;

/// <summary>
/// Large directories read by i386 programs through glibc's non-LFS calls (Programs/bigdir.c):
/// readdir must never fail with EOVERFLOW, and telldir/seekdir, lseek and _llseek must come back
/// to the right entry, on the filesystems a host has (ext4 or overlayfs for /tmp, tmpfs for /dev/shm),
/// under every mode, with the host's 32-bit entry and without it.
/// </summary>
public sealed class DirectoryTests
{
    private const int Files = 3000;

    /// <summary>What bigdir prints for N files on any Linux filesystem (derived from its source: it prints properties only).</summary>
    private static string BigdirOutput(int n) =>
        $"""
        {n} files
        readdir: {n + 2} entries, end errno 0 (none), every file once: 1, . and ..: 2
        seekdir to saved positions: all right
        seekdir to the end: no entry, errno 0
        rewinddir gives the first entry again: 1
        getdents: {n + 2} records, end 0, every file once: 1, lseek SEEK_CUR = last d_off: 1
        lseek/_llseek to d_off, then getdents: all right
        lseek 0 gives the first record again: 1
        getdents64: {n + 2} records, end 0, every d_off in 1..2^31-1: 1
        cleanup ok

        """;

    /// <summary>Where the big directory is made: the temporary directory and, if the host has it, tmpfs.</summary>
    public static TheoryData<string, string, bool> Cases()
    {
        var data = new TheoryData<string, string, bool>();
        string[] places = Directory.Exists("/dev/shm") ? [Path.GetTempPath(), "/dev/shm"] : [Path.GetTempPath()];
        foreach (var place in places)
            foreach (var mode in CommittedProgram.Modes)
                foreach (bool noCompat in new[] { false, true })
                    data.Add(place, mode, noCompat);
        return data;
    }

    /// <summary>
    /// On a host without int 0x80 from 64-bit code (HostAbi.HasInt80 false, as on the Firecracker hosts)
    /// both runs take the position-table path; where the host has it, the run without HDBT_NO_COMPAT
    /// checks the 32-bit entry's values instead.
    /// </summary>
    [Theory]
    [MemberData(nameof(Cases))]
    public void BigDirectoryReadsAndSeeksLikeNative(string place, string mode, bool noCompat)
    {
        var env = noCompat ? new Dictionary<string, string> { [CompatHost.DisableVariable] = "1" } : null;
        var r = ChildProcess.RunHdbt(["--mode", mode, CommittedProgram.PathOf("Linux", "bigdir"), place, Files.ToString()], env: env);
        Assert.True(r.ExitCode == 0, $"bigdir in {place} --mode {mode} noCompat={noCompat}: {r}");
        Assert.Equal(BigdirOutput(Files), r.StdoutText);
    }

    /// <summary>The directory workload and the Linux programs that list and seek directories, with the 32-bit entry turned off.</summary>
    [Theory]
    [InlineData("interp")]
    [InlineData("tcg")]
    public void DirectoryProgramsMatchWithoutTheCompatEntry(string mode)
    {
        var env = new Dictionary<string, string> { [CompatHost.DisableVariable] = "1" };
        var dirlist = WorkloadManifest.Tests().Single(t => t.Name == "dirlist");
        using (var dir = new TempDir())
        {
            var r = ChildProcess.RunHdbt(["--mode", mode, WorkloadManifest.PathOf(dirlist.Binary), dir.Path, .. dirlist.Args], env: env);
            Assert.True(r.ExitCode == 0, $"dirlist --mode {mode}: {r}");
            Assert.Equal(File.ReadAllText(WorkloadManifest.PathOf(dirlist.ExpectedStdout)), r.StdoutText);
        }
        foreach (var program in new[] { "files", "raw" })
        {
            using var dir = new TempDir();
            var r = ChildProcess.RunHdbt(["--mode", mode, CommittedProgram.PathOf("Linux", program), dir.Path], env: env);
            Assert.True(r.ExitCode == 0, $"{program} --mode {mode}: {r}");
            Assert.Equal(CommittedProgram.Expected("Linux", program + ".expected"), r.StdoutText);
        }
    }
}
