namespace Hdbt.Tests.Differential;

/// <summary>
/// The floating-point state a case starts from: the x87 control word, the values on the x87 stack
/// (ST(0) first, 80-bit each), and for SSE case sets MXCSR and XMM0..XMM7. Exceptions stay masked
/// (an unmasked one would end the batch with SIGFPE); cases vary rounding, precision, FTZ and DAZ.
/// </summary>
public sealed class FpuInit
{
    /// <summary>Bytes of the image the harness loads this state from (see <see cref="ToImage"/>).</summary>
    public const int ImageSize = 256;

    /// <summary>Offset of the x87 stack values in the image (ST(0) first, 10 bytes each).</summary>
    public const int StackOffset = 16;

    /// <summary>Offset of XMM0..XMM7 in the image.</summary>
    public const int XmmOffset = 96;

    /// <summary>x87 control word loaded with fldcw after fninit (0x037F: all masked, 64-bit precision, nearest).</summary>
    public ushort Fcw { get; set; } = 0x037F;

    /// <summary>MXCSR loaded with ldmxcsr (SSE case sets only).</summary>
    public uint Mxcsr { get; set; } = 0x1F80;

    /// <summary>x87 stack from ST(0) down, at most 8 values of 10 bytes each (little-endian extended precision).</summary>
    public List<byte[]> Stack { get; } = [];

    /// <summary>XMM0..XMM7, 16 bytes each (SSE case sets only).</summary>
    public byte[][] Xmm { get; } = [.. Enumerable.Range(0, 8).Select(_ => new byte[16])];

    /// <summary>Pushes a value so that it becomes ST(0) (the earlier ones move down).</summary>
    public FpuInit Push(byte[] ext80)
    {
        if (ext80.Length != 10) throw new ArgumentException("an x87 value is 10 bytes", nameof(ext80));
        if (Stack.Count == 8) throw new InvalidOperationException("the x87 stack holds 8 values");
        Stack.Insert(0, ext80);
        return this;
    }

    /// <summary>The image the generated code loads from: FCW at 0, MXCSR at 4, the stack, the XMM registers.</summary>
    public byte[] ToImage()
    {
        var m = new byte[ImageSize];
        m[0] = (byte)Fcw;
        m[1] = (byte)(Fcw >> 8);
        for (int i = 0; i < 4; i++) m[4 + i] = (byte)(Mxcsr >> (8 * i));
        for (int i = 0; i < Stack.Count; i++) Stack[i].CopyTo(m, StackOffset + 10 * i);
        for (int i = 0; i < 8; i++) Xmm[i].CopyTo(m, XmmOffset + 16 * i);
        return m;
    }
}
