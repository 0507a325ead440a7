using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;

namespace Hdbt.Llvm;

/// <summary>
/// The LLVM C API functions hdbt uses, declared once, bound to one loaded libLLVM by
/// <see cref="NativeLibrary.TryGetExport"/>. Each function is a public <c>delegate* unmanaged</c> field named
/// as in C without the <c>LLVM</c> prefix (<c>LLVMBuildAdd</c> is <see cref="BuildAdd"/>), taking the typed
/// handles of this namespace; a few C# helpers (spans, strings, errors) have names of their own.
/// </summary>
/// <remarks>
/// <para>Why function pointers and not <c>[DllImport]</c>: the library's file name is known only at run time
/// (it differs by version), and the published hdbt is NativeAOT, where export lookup works and resolver
/// tricks do not. Function pointers marshal nothing, so strings go in as NUL-terminated UTF-8
/// (<see cref="NoName"/>, <see cref="Utf8Z"/>) and come out as pointers read by <see cref="TakeMessage"/>
/// (owned: freed with <c>LLVMDisposeMessage</c>) or <see cref="PeekString"/> (owned by LLVM).</para>
/// <para>Version differences: a function some supported version lacks is bound optionally (null when
/// absent) and the choice is made where it is used: <see cref="OrcThreadSafeContextGetContext"/> (15–19)
/// against <see cref="OrcCreateNewThreadSafeContextFromLLVMContext"/> (21 on), <see cref="GetVersion"/>
/// (16 on), <see cref="ArrayType2"/> (17 on) against <see cref="ArrayType"/>,
/// <see cref="ContextSetOpaquePointers"/> (15–18). The fields are assigned once, by the constructor's bind
/// steps, and never change.</para>
/// </remarks>
public sealed unsafe partial class LlvmApi
{
    /// <summary>C's <c>LLVMVerifierFailureAction</c>: return a status and a message, print and abort nothing.</summary>
    private const int VerifierReturnStatus = 2;

    private readonly nint _library;
    private readonly List<string> _missing = [];

    /// <summary>Binds every function from <paramref name="library"/>; throws <see cref="LlvmUnavailableException"/> naming what is missing.</summary>
    internal LlvmApi(nint library, string path)
    {
        _library = library;
        BindCore();
        BindBuilder();
        BindTarget();
        BindOrc();
        if (OrcThreadSafeContextGetContext == null && OrcCreateNewThreadSafeContextFromLLVMContext == null)
            _missing.Add("LLVMOrcThreadSafeContextGetContext or LLVMOrcCreateNewThreadSafeContextFromLLVMContext");
        if (ArrayType == null && ArrayType2 == null) _missing.Add("LLVMArrayType or LLVMArrayType2");
        if (_missing.Count > 0)
            throw new LlvmUnavailableException(
                $"{path} lacks {string.Join(", ", _missing)} (hdbt needs libLLVM 15 or newer): {LlvmLibrary.Remedy}");
    }

    private nint Required(string name)
    {
        if (NativeLibrary.TryGetExport(_library, name, out var p)) return p;
        _missing.Add(name);
        return 0;
    }

    private nint Optional(string name) => NativeLibrary.TryGetExport(_library, name, out var p) ? p : 0;

    /// <summary>An empty NUL-terminated name, for the (most) values that need none; static data, so it never moves.</summary>
    public static byte* NoName => (byte*)Unsafe.AsPointer(ref MemoryMarshal.GetReference("\0"u8));

    /// <summary>Reads a string LLVM owns (never freed here: the JIT's triple and data layout).</summary>
    public static string PeekString(nint p) => p == 0 ? "" : Marshal.PtrToStringUTF8(p) ?? "";

    /// <summary>Reads a string LLVM handed over and frees it with <c>LLVMDisposeMessage</c>.</summary>
    public string TakeMessage(nint p)
    {
        if (p == 0) return "";
        string s = Marshal.PtrToStringUTF8(p) ?? "";
        DisposeMessage(p);
        return s;
    }

    /// <summary>
    /// Success when <paramref name="error"/> is null; otherwise reads the message (which consumes the error),
    /// frees it, and throws <see cref="LlvmException"/> "<paramref name="what"/>: message".
    /// </summary>
    public void Check(LlvmErrorRef error, string what)
    {
        if (error.IsNull) return;
        throw new LlvmException($"{what}: {TakeErrorMessage(error)}");
    }

    /// <summary>The message of a failed operation; consumes <paramref name="error"/>.</summary>
    public string TakeErrorMessage(LlvmErrorRef error)
    {
        nint p = GetErrorMessage(error);
        string s = Marshal.PtrToStringUTF8(p) ?? "";
        DisposeErrorMessage(p);
        return s;
    }

    /// <summary>
    /// Runs the verifier on <paramref name="module"/>; null when it is well formed, else the verifier's
    /// message (every problem it found).
    /// </summary>
    public string? Verify(LlvmModuleRef module)
    {
        nint message = 0;
        bool broken = VerifyModule(module, VerifierReturnStatus, &message) != 0;
        string text = TakeMessage(message);
        return broken ? text.Trim() : null;
    }

    /// <summary>The module as LLVM assembly text (<c>-d ir</c>).</summary>
    public string PrintModule(LlvmModuleRef module) => TakeMessage(PrintModuleToString(module));

    /// <summary>A NUL-terminated UTF-8 copy of a string, in a caller's stack buffer when it fits, on the native heap when not.</summary>
    public ref struct Utf8Z : IDisposable
    {
        private readonly byte* _heap;

        /// <summary>The string, NUL-terminated.</summary>
        public readonly byte* Pointer;

        /// <summary>Its length in bytes, without the NUL.</summary>
        public readonly int Length;

        /// <param name="s">the string</param>
        /// <param name="buffer">stack memory (stackalloc): its address is taken, so it must not be a managed array</param>
        public Utf8Z(string s, Span<byte> buffer)
        {
            int max = Encoding.UTF8.GetMaxByteCount(s.Length) + 1;
            Span<byte> target = max <= buffer.Length ? buffer : new Span<byte>(_heap = (byte*)NativeMemory.Alloc((nuint)max), max);
            Length = Encoding.UTF8.GetBytes(s, target);
            target[Length] = 0;
            Pointer = (byte*)Unsafe.AsPointer(ref MemoryMarshal.GetReference(target));
        }

        public readonly void Dispose()
        {
            if (_heap != null) NativeMemory.Free(_heap);
        }
    }
}
