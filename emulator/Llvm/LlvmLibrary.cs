using System.Runtime.InteropServices;
using System.Text.RegularExpressions;

namespace Hdbt.Llvm;

/// <summary>
/// The libLLVM this process uses, found at run time: the path in <c>HDBT_LLVM</c> if set, otherwise the newest
/// of Debian's libLLVM packages that is installed (<see cref="Candidates"/>). Loaded once per process
/// (<see cref="Shared"/>) with <see cref="NativeLibrary"/>, which NativeAOT supports, and bound into one
/// <see cref="LlvmApi"/>; the x86 target is initialised here, once.
/// </summary>
/// <remarks>Two different libLLVMs are never loaded into one process: each registers LLVM's global options and
/// targets, and they would be two unrelated JITs. To test another version, run the process with
/// <c>HDBT_LLVM</c> set.</remarks>
public sealed unsafe partial class LlvmLibrary
{
    /// <summary>The environment variable that names a libLLVM to use instead of searching.</summary>
    public const string EnvironmentVariable = "HDBT_LLVM";

    /// <summary>The oldest major version the bindings work with (opaque pointers, <c>LLVMPointerTypeInContext</c>).</summary>
    public const int MinimumMajor = 15;

    /// <summary>What to do about a missing libLLVM, ending every "unavailable" message.</summary>
    public const string Remedy = "apt-get install libllvm22 (or libllvm19), or set HDBT_LLVM to the path of a libLLVM 15 or newer";

    /// <summary>Debian's file names, newest first (the runtime package alone is enough; 17, 18, 20 and 21 have no Debian 12 package).</summary>
    public static readonly string[] Candidates =
        ["libLLVM.so.22.1", "libLLVM-22.so", "libLLVM.so.19.1", "libLLVM-19.so", "libLLVM-16.so.1", "libLLVM-15.so.1"];

    /// <summary>Where the candidates are looked for by path first (so the path can be reported); then the loader's own search.</summary>
    private static readonly string[] s_directories = ["/usr/lib/x86_64-linux-gnu", "/usr/lib64", "/usr/lib", "/usr/local/lib"];

    private static readonly Lazy<LlvmLibrary> s_shared = new(() => Open(Environment.GetEnvironmentVariable(EnvironmentVariable)),
        LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The file loaded (as found: a path, or a bare name the dynamic loader resolved).</summary>
    public string Path { get; }

    /// <summary>LLVM's version: from <c>LLVMGetVersion</c> (16 on), else from the file name (15: major only).</summary>
    public Version Version { get; }

    /// <summary>The bound C API.</summary>
    public LlvmApi Api { get; }

    private LlvmLibrary(string path, nint handle)
    {
        Path = path;
        Api = new LlvmApi(handle, path);
        Version = ReadVersion(Api, path);
        if (Version.Major < MinimumMajor)
            throw new LlvmUnavailableException($"{path} is libLLVM {Version}, older than hdbt supports (15 or newer): {Remedy}");
        Api.InitializeX86TargetInfo();
        Api.InitializeX86Target();
        Api.InitializeX86TargetMC();
        Api.InitializeX86AsmPrinter();
    }

    /// <summary>The process's libLLVM, loaded on first use; throws <see cref="LlvmUnavailableException"/> (every time) when there is none.</summary>
    public static LlvmLibrary Shared => s_shared.Value;

    /// <summary>The process's libLLVM, or null and the reason in one sentence.</summary>
    public static LlvmLibrary? TryShared(out string reason)
    {
        try
        {
            reason = "";
            return Shared;
        }
        catch (LlvmUnavailableException e)
        {
            reason = e.Message;
            return null;
        }
    }

    /// <summary>"libLLVM 22.1.8, /usr/lib/x86_64-linux-gnu/libLLVM.so.22.1" (for --host-info).</summary>
    public string Describe() => $"libLLVM {Version}, {Path}";

    /// <summary>
    /// Loads and binds a libLLVM: <paramref name="explicitPath"/> (the value of HDBT_LLVM) when not empty, with
    /// no fallback (the user asked for that one), else the first of <see cref="Candidates"/> that loads.
    /// Not cached: <see cref="Shared"/> is what the program uses; tests call this with paths that fail.
    /// </summary>
    internal static LlvmLibrary Open(string? explicitPath)
    {
        if (!string.IsNullOrEmpty(explicitPath))
        {
            if (!File.Exists(explicitPath))
                throw new LlvmUnavailableException($"HDBT_LLVM names {explicitPath}, which does not exist: {Remedy}");
            nint handle;
            try
            {
                handle = NativeLibrary.Load(explicitPath);
            }
            catch (Exception e) when (e is DllNotFoundException or BadImageFormatException)
            {
                // .NET's message is advice, then dlerror's text on the last line ("/x: invalid ELF header").
                string why = e.Message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)[^1];
                throw new LlvmUnavailableException($"HDBT_LLVM names {explicitPath}, which could not be loaded ({why}): {Remedy}");
            }
            return new LlvmLibrary(explicitPath, handle);
        }
        foreach (var name in Candidates)
        {
            foreach (var dir in s_directories)
            {
                string path = System.IO.Path.Combine(dir, name);
                if (File.Exists(path) && NativeLibrary.TryLoad(path, out var h)) return new LlvmLibrary(path, h);
            }
            if (NativeLibrary.TryLoad(name, out var byName)) return new LlvmLibrary(name, byName);
        }
        throw new LlvmUnavailableException($"no libLLVM found (looked for {string.Join(", ", Candidates)} in {string.Join(", ", s_directories)} and the loader's path): {Remedy}");
    }

    private static Version ReadVersion(LlvmApi api, string path)
    {
        if (api.GetVersion != null)
        {
            uint major, minor, patch;
            api.GetVersion(&major, &minor, &patch);
            return new Version((int)major, (int)minor, (int)patch);
        }
        // 15 has no LLVMGetVersion: Debian's names carry the major version (libLLVM-15.so.1, libLLVM.so.19.1).
        string target = File.Exists(path) ? File.ResolveLinkTarget(path, returnFinalTarget: true)?.FullName ?? path : path;
        string file = System.IO.Path.GetFileName(target);
        var m = VersionInName().Match(file);
        if (!m.Success) m = VersionInName().Match(System.IO.Path.GetFileName(path));
        return m.Success ? new Version(int.Parse(m.Groups[1].Value), m.Groups[2].Success ? int.Parse(m.Groups[2].Value) : 0)
                         : new Version(0, 0);
    }

    [GeneratedRegex(@"LLVM(?:-|\.so\.)(\d+)(?:\.(\d+))?")]
    private static partial Regex VersionInName();
}
