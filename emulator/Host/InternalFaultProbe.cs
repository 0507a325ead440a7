using Iced.Intel;
using static Iced.Intel.AssemblerRegisters;

namespace Hdbt.Host;

/// <summary>
/// Test hook: with <c>HDBT_TEST_INTERNAL_FAULT=KIND</c> the hdbt command faults on purpose, the way a bug
/// in hdbt would, so that tests can check that such a fault ends in one line and status 70 (see
/// <see cref="HostFaultHandler"/>) instead of a bare host signal. Not documented for users.
/// </summary>
public static unsafe class InternalFaultProbe
{
    /// <summary>The environment variable.</summary>
    public const string Variable = "HDBT_TEST_INTERNAL_FAULT";

    /// <summary>
    /// The kinds: <c>guest</c> (C# reads an unmapped guest page), <c>thunk</c> (a registered native thunk
    /// reads address 8), <c>native</c>, <c>fpe</c>, <c>ill</c> (unregistered native code reads address 8,
    /// divides by zero, executes ud2: the runtime declines them), <c>null</c> (a managed
    /// NullReferenceException, which must stay an exception), <c>stack</c> (managed stack overflow, which the
    /// runtime must still detect: it prints "Stack overflow." and aborts).
    /// </summary>
    public static readonly string[] Kinds = ["guest", "thunk", "native", "fpe", "ill", "null", "stack"];

    /// <summary>Faults as <see cref="Variable"/> asks (nothing when it is unset); <paramref name="guestBase"/> is guest address 0.</summary>
    public static void ProvokeIfAsked(byte* guestBase)
    {
        string? kind = Environment.GetEnvironmentVariable(Variable);
        if (string.IsNullOrEmpty(kind)) return;
        switch (kind)
        {
            case "guest":
                // Guest page 0 is never mapped.
                Console.Out.WriteLine(Volatile.Read(ref *guestBase));
                break;
            case "thunk":
                RunNative(a => { a.mov(rax, __qword_ptr[8]); a.ret(); }, register: true);
                break;
            case "native":
                RunNative(a => { a.mov(rax, __qword_ptr[8]); a.ret(); }, register: false);
                break;
            case "fpe":
                RunNative(a => { a.xor(ecx, ecx); a.xor(edx, edx); a.mov(eax, 1); a.div(ecx); a.ret(); }, register: false);
                break;
            case "ill":
                RunNative(a => { a.ud2(); a.ret(); }, register: false);
                break;
            case "null":
                Console.Out.WriteLine(Unreachable(null));
                break;
            case "stack":
                Console.Out.WriteLine(Recurse(1));
                break;
            default:
                throw new ArgumentException($"{Variable}={kind}: unknown kind (kinds: {string.Join(", ", Kinds)})");
        }
        throw new InvalidOperationException($"{Variable}={kind} did not fault");
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static int Unreachable(int[]? array) => array!.Length;

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static long Recurse(long depth)
    {
        // The stack buffer keeps each frame large and the use after the call keeps it from being a tail call.
        Span<long> frame = stackalloc long[64];
        frame[(int)(depth & 63)] = depth;
        return Recurse(depth + 1) + frame[(int)(depth & 63)];
    }

    /// <summary>Assembles a few instructions into an executable page and calls them.</summary>
    private static void RunNative(Action<Assembler> emit, bool register)
    {
        nint page = HostKernel.Mmap(0, 4096, HostKernel.ProtRead | HostKernel.ProtWrite, HostKernel.MapPrivate | HostKernel.MapAnonymous, -1, 0);
        if (page < 0 && page > -4096) throw new InvalidOperationException($"mmap failed (errno {-page})");
        var a = new Assembler(64);
        emit(a);
        using var ms = new MemoryStream();
        a.Assemble(new StreamCodeWriter(ms), (ulong)page);
        ms.ToArray().CopyTo(new Span<byte>((void*)page, (int)ms.Length));
        if (HostKernel.Mprotect(page, 4096, HostKernel.ProtRead | HostKernel.ProtExec) < 0) throw new InvalidOperationException("mprotect failed");
        if (register) HostFaultHandler.RegisterNativeCode(page, 4096);
        ((delegate* unmanaged<long>)page)();
    }
}
