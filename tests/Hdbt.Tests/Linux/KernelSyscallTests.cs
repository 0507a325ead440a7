using Hdbt.Linux;
using Xunit;
using Hdbt.Host;

namespace Hdbt.Tests.Linux;

/// <summary>
/// The syscall layer without guest code: struct conversions, descriptor numbering and signal
/// bookkeeping checked field by field (the programs of <see cref="GuestProgramTests"/> check
/// the same end to end against a native run).
/// </summary>
public sealed class KernelSyscallTests : IDisposable
{
    private const uint OCreat = 0x40, OWronly = 1, ORdonly = 0, ODirectory = 0x1_0000;
    private const uint AtFdCwd = unchecked((uint)-100);
    private readonly KernelHarness _h = new();
    private readonly string _dir = Directory.CreateTempSubdirectory("hdbt-kernel-").FullName;

    public void Dispose()
    {
        _h.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public void Stat64WritesTheI386LayoutAndLeavesPaddingAlone()
    {
        string path = Path.Combine(_dir, "f");
        File.WriteAllText(path, "12345");
        uint buf = _h.Alloc(96, 0xAA);
        Assert.Equal(0, _h.Call("stat64", _h.Str(path), buf));
        var host = new FileInfo(path);
        Assert.Equal(5ul, _h.U64(buf + 44));
        Assert.Equal(0x8000u, _h.U32(buf + 16) & 0xF000);
        Assert.Equal(1u, _h.U32(buf + 20));
        Assert.Equal((uint)_h.U64(buf + 88), _h.U32(buf + 12));
        Assert.Equal(new DateTimeOffset(host.LastWriteTimeUtc).ToUnixTimeSeconds(), _h.U32(buf + 72));
        Assert.True(_h.Bytes(buf + 8, 4).ToArray().All(b => b == 0xAA), "__pad0 is left as it was");
        Assert.True(_h.Bytes(buf + 40, 4).ToArray().All(b => b == 0xAA), "__pad3 is left as it was");
    }

    [Fact]
    public void OldStatFailsWithEoverflowForLargeFiles()
    {
        string path = Path.Combine(_dir, "big");
        using (var f = File.Create(path)) f.SetLength(3L << 30);
        Assert.Equal(-Errno.EOVERFLOW, _h.Call("stat", _h.Str(path), _h.Alloc(64)));
        uint buf = _h.Alloc(96);
        Assert.Equal(0, _h.Call("stat64", _h.Str(path), buf));
        Assert.Equal(3ul << 30, _h.U64(buf + 44));
        // open without O_LARGEFILE refuses it too; with it, it works.
        Assert.Equal(-Errno.EOVERFLOW, _h.Call("open", _h.Str(path), ORdonly));
        Assert.Equal(3, _h.Call("open", _h.Str(path), ORdonly | 0x8000));
    }

    [Fact]
    public void GuestDescriptorsAreNumberedIndependentlyOfTheHost()
    {
        uint fds = _h.Alloc(8);
        Assert.Equal(0, _h.Call("pipe", fds));
        Assert.Equal(3u, _h.U32(fds));
        Assert.Equal(4u, _h.U32(fds + 4));
        Assert.True(_h.Kernel.Fds.Host(3) > 2);
        Assert.Equal(10, _h.Call("dup2", 3, 10));
        Assert.Equal(5, _h.Call("dup", 4));
        Assert.Equal(0, _h.Call("close", 3));
        Assert.Equal(3, _h.Call("fcntl64", 10, 0, 0));
        Assert.Equal(-Errno.EBADF, _h.Call("close", 77));
    }

    [Fact]
    public void SelectMapsFdSetBitsBetweenGuestAndHostNumbers()
    {
        uint fds = _h.Alloc(8);
        Assert.Equal(0, _h.Call("pipe", fds));
        Assert.Equal(40, _h.Call("dup2", 3, 40));
        Assert.Equal(1, _h.Call("write", 4, _h.Str("x"), 1));
        uint set = _h.Alloc(8), tv = _h.Alloc(8);
        _h.SetU64(set, (1ul << 40) | (1ul << 3));
        Assert.Equal(2, _h.Call("_newselect", 41, set, 0, 0, tv));
        Assert.Equal((1ul << 40) | (1ul << 3), _h.U64(set));
        _h.SetU64(set, 1ul << 20);
        Assert.Equal(-Errno.EBADF, _h.Call("_newselect", 41, set, 0, 0, tv));
    }

    [Fact]
    public void GetdentsReturnsI386RecordsWithTypeInTheLastByte()
    {
        File.WriteAllText(Path.Combine(_dir, "file"), "");
        Directory.CreateDirectory(Path.Combine(_dir, "sub"));
        int fd = _h.Call("open", _h.Str(_dir), ORdonly | ODirectory);
        Assert.Equal(3, fd);
        uint buf = _h.Alloc(4096);
        int n = _h.Call("getdents", (uint)fd, buf, 4096);
        var found = new Dictionary<string, byte>();
        for (int pos = 0; pos < n;)
        {
            var rec = _h.Bytes(buf + (uint)pos, 4096 - pos);
            int reclen = BitConverter.ToUInt16(rec[8..10]);
            string name = System.Text.Encoding.UTF8.GetString(rec[10..]).Split('\0')[0];
            found[name] = rec[reclen - 1];
            pos += reclen;
        }
        Assert.Equal(8, found["file"]);
        Assert.Equal(4, found["sub"]);
        Assert.Equal(4, found["."]);
        Assert.Equal(0, _h.Call("getdents", (uint)fd, buf, 4096));
    }

    [Fact]
    public void ReadlinkOfProcSelfExeNamesTheGuestProgram()
    {
        uint buf = _h.Alloc(64);
        Assert.Equal(11, _h.Call("readlink", _h.Str("/proc/self/exe"), buf, 64));
        Assert.Equal("/guest/prog", System.Text.Encoding.UTF8.GetString(_h.Bytes(buf, 11)));
        Assert.Equal(3, _h.Call("readlink", _h.Str("/proc/self/exe"), buf, 3));
        int fd = _h.Call("openat", AtFdCwd, _h.Str(Path.Combine(_dir, "x")), OCreat | OWronly, 0x1A4);
        Assert.Equal(3, fd);
        int n = _h.Call("readlink", _h.Str("/proc/self/fd/3"), buf, 64);
        Assert.EndsWith("/x", System.Text.Encoding.UTF8.GetString(_h.Bytes(buf, n)));
    }

    [Fact]
    public void RtSigactionStoresWhatLinuxKeeps()
    {
        uint act = _h.Alloc(20), old = _h.Alloc(20);
        _h.SetU32(act, 0x1234);
        _h.SetU32(act + 4, 0xFFFF_FFFF);
        _h.SetU64(act + 12, ulong.MaxValue);
        Assert.Equal(0, _h.Call("rt_sigaction", (uint)Signals.SIGUSR1, act, 0, 8));
        Assert.Equal(0, _h.Call("rt_sigaction", (uint)Signals.SIGUSR1, 0, old, 8));
        Assert.Equal(0x1234u, _h.U32(old));
        Assert.Equal(0xDC00_0807u, _h.U32(old + 4));
        Assert.Equal(~((1ul << 8) | (1ul << 18)), _h.U64(old + 12));
        Assert.Equal(-Errno.EINVAL, _h.Call("rt_sigaction", (uint)Signals.SIGKILL, act, 0, 8));
        Assert.Equal(-Errno.EINVAL, _h.Call("rt_sigaction", (uint)Signals.SIGUSR1, 0, old, 4));
    }

    [Fact]
    public void SignalsToSelfFollowMaskAndDisposition()
    {
        uint pid = (uint)_h.Kernel.Pid;
        Assert.Equal(0, _h.Call("kill", pid, 0));
        Assert.Equal(0, _h.Call("kill", pid, (uint)Signals.SIGCHLD));
        uint set = _h.Alloc(8);
        _h.SetU64(set, 1ul << (Signals.SIGTERM - 1));
        Assert.Equal(0, _h.Call("rt_sigprocmask", 0, set, 0, 8));
        Assert.Equal(0, _h.Call("kill", pid, (uint)Signals.SIGTERM));
        Assert.Equal(0, _h.Call("tgkill", pid, pid, (uint)Signals.SIGTERM));
        uint pending = _h.Alloc(8);
        Assert.Equal(0, _h.Call("rt_sigpending", pending, 8));
        Assert.Equal(1ul << (Signals.SIGTERM - 1), _h.U64(pending));
        var e = Assert.Throws<GuestExitException>(() => _h.Call("rt_sigprocmask", 1, set, 0, 8));
        Assert.Equal(Signals.SIGTERM, e.Signal);
    }

    [Fact]
    public void WriteToBrokenPipeRaisesSigpipe()
    {
        uint fds = _h.Alloc(8);
        Assert.Equal(0, _h.Call("pipe", fds));
        Assert.Equal(0, _h.Call("close", 3));
        var e = Assert.Throws<GuestExitException>(() => _h.Call("write", 4, _h.Str("x"), 1));
        Assert.Equal(Signals.SIGPIPE, e.Signal);
        Assert.Equal(0, _h.Call("signal", (uint)Signals.SIGPIPE, SignalAction.Ignore));
        Assert.Equal(-Errno.EPIPE, _h.Call("write", 4, _h.Str("x"), 1));
    }

    [Fact]
    public void TimesAreConvertedToI386Layouts()
    {
        uint ts = _h.Alloc(16, 0xAA);
        Assert.Equal(0, _h.Call("clock_gettime", 0, ts));
        long now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        Assert.InRange((long)(int)_h.U32(ts), now - 2, now + 2);
        Assert.InRange(_h.U32(ts + 4), 0u, 999_999_999u);
        Assert.Equal(0xAAAA_AAAAu, _h.U32(ts + 8));
        Assert.Equal(0, _h.Call("clock_gettime64", 0, ts));
        Assert.InRange((long)_h.U64(ts), now - 2, now + 2);
        uint ru = _h.Alloc(80, 0xAA);
        Assert.Equal(0, _h.Call("getrusage", 0, ru));
        Assert.InRange(_h.U32(ru + 4), 0u, 999_999u);
        Assert.Equal(0xAAAA_AAAAu, _h.U32(ru + 72));
    }
}
