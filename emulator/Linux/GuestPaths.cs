using System.Runtime.InteropServices;
using System.Text;

namespace Hdbt.Linux;

/// <summary>
/// Guest paths as the host should see them. A few /proc and /dev names describe the calling
/// process, which on the host is hdbt: <c>/proc/self/exe</c> must name the guest program, and
/// <c>/proc/self/fd/N</c>, <c>/dev/fd/N</c>, <c>/dev/stdin</c>... must use the host number of
/// guest descriptor N. Every other path is used as is, straight from guest memory.
/// </summary>
public static unsafe class GuestPaths
{
    private const int BufferSize = 4096 + 64;

    // Two buffers per thread: a syscall has at most two paths (rename, link).
    [ThreadStatic] private static byte* t_buffers;

    /// <summary>
    /// Host pointer of the path at <paramref name="address"/>, rewritten if needed into buffer
    /// <paramref name="slot"/> (0 or 1); null when the guest string is unreadable (EFAULT).
    /// With <paramref name="followExe"/> false, /proc/self/exe is left alone (lstat, readlink
    /// and friends look at the link itself).
    /// </summary>
    public static byte* Host(LinuxKernel k, uint address, int slot = 0, bool followExe = true)
    {
        byte* p = k.CString(address);
        if (p == null || p[0] != (byte)'/' || (p[1] != (byte)'p' && p[1] != (byte)'d')) return p;
        string? rewritten = Rewrite(k, Encoding.UTF8.GetString(MemoryMarshal.CreateReadOnlySpanFromNullTerminated(p)), followExe);
        if (rewritten == null) return p;
        if (t_buffers == null) t_buffers = (byte*)NativeMemory.Alloc(2 * BufferSize);
        byte* b = t_buffers + slot * BufferSize;
        int n = Encoding.UTF8.GetBytes(rewritten, new Span<byte>(b, BufferSize - 1));
        b[n] = 0;
        return b;
    }

    /// <summary>What readlink of a path reports when it is the guest's /proc/self/exe, else null.</summary>
    public static string? ExeLink(LinuxKernel k, uint address)
    {
        var s = k.ReadString(address);
        return s != null && ProcessRelative(k, s) == "exe" ? k.Options.ExePath : null;
    }

    /// <summary>The host path for a guest path that names the process itself, or null to keep it.</summary>
    private static string? Rewrite(LinuxKernel k, string path, bool followExe)
    {
        string? rest = path switch
        {
            "/dev/stdin" => "fd/0",
            "/dev/stdout" => "fd/1",
            "/dev/stderr" => "fd/2",
            _ when path.StartsWith("/dev/fd/", StringComparison.Ordinal) => "fd/" + path["/dev/fd/".Length..],
            _ => ProcessRelative(k, path),
        };
        if (rest == null) return null;
        if (rest == "exe") return followExe ? k.Options.ExePath : null;
        foreach (var dir in (ReadOnlySpan<string>)["fd/", "fdinfo/"])
        {
            if (!rest.StartsWith(dir, StringComparison.Ordinal)) continue;
            int end = dir.Length;
            while (end < rest.Length && char.IsAsciiDigit(rest[end])) end++;
            if (end == dir.Length || end - dir.Length > 9) return null;
            uint guestFd = uint.Parse(rest.AsSpan(dir.Length, end - dir.Length));
            // A guest fd that is not open becomes a name that does not exist either.
            int hostFd = k.Fds.Host(guestFd);
            return $"/proc/self/{dir}{(hostFd < 0 ? "none" : hostFd.ToString())}{rest[end..]}";
        }
        return null;
    }

    /// <summary>The part after /proc/self/, /proc/thread-self/ or /proc/PID/ (PID = ours), or null.</summary>
    private static string? ProcessRelative(LinuxKernel k, string path)
    {
        foreach (var prefix in (ReadOnlySpan<string>)["/proc/self/", "/proc/thread-self/", $"/proc/{k.Pid}/", $"/proc/{k.Pid}/task/{k.Pid}/"])
            if (path.StartsWith(prefix, StringComparison.Ordinal)) return path[prefix.Length..];
        return null;
    }
}
