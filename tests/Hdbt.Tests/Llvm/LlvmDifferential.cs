using Hdbt.Guest;
using Iced.Intel;

namespace Hdbt.Tests.Llvm;

/// <summary>Runs one snippet under interp and under llvm from the same start state and asserts the same end: CPU state, data memory, fault.</summary>
internal static unsafe class LlvmDifferential
{
    /// <summary>
    /// Runs <paramref name="build"/> with <paramref name="init"/> applied to both CPUs first (and to both data areas);
    /// <paramref name="check"/>, if given, then looks at the llvm run's end state (that the snippet did what it meant).
    /// </summary>
    public static void AssertSame(Action<Assembler> build, Action<BackendSnippetRunner>? init = null, Action<BackendSnippetRunner>? check = null)
    {
        using var interp = new BackendSnippetRunner("interp");
        using var llvm = new BackendSnippetRunner("llvm");
        init?.Invoke(interp);
        init?.Invoke(llvm);
        interp.Run(build);
        llvm.Run(build);
        Assert.Equal(interp.Fault, llvm.Fault);
        var expected = interp.StateBytes();
        var actual = llvm.StateBytes();
        for (int i = 0; i < expected.Length; i += 4)
            Assert.True(BitConverter.ToUInt32(expected, i) == BitConverter.ToUInt32(actual, i),
                $"CpuState word at byte {i} ({(i < CpuState.GlobalSlotCount * 4 ? ((GlobalSlot)(i / 4)).ToString() : "state")}): " +
                $"interp 0x{BitConverter.ToUInt32(expected, i):x8}, llvm 0x{BitConverter.ToUInt32(actual, i):x8}");
        Assert.Equal(interp.DataBytes(), llvm.DataBytes());
        check?.Invoke(llvm);
    }

    /// <summary>Values that find edge cases: zero, one, sign boundaries, all ones, and a few patterns.</summary>
    public static readonly uint[] Values = [0, 1, 2, 0x7F, 0x80, 0xFF, 0x7FFF, 0x8000, 0xFFFF, 0x7FFF_FFFF, 0x8000_0000, 0xFFFF_FFFF, 0x1234_5678, 0xDEAD_BEEF];
}
