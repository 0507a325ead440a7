using System.Buffers.Binary;

namespace Hdbt.Tests.Differential;

/// <summary>The machine state recorded after one case: the eight GPRs, EFLAGS, the memory area and, for FP case sets, the FXSAVE image.</summary>
public sealed class CaseRecord
{
    public CaseRecord(uint[] regs, uint eflags, byte[] memory, byte[]? fx = null)
    {
        Regs = regs;
        Eflags = eflags;
        Memory = memory;
        Fx = fx;
    }

    /// <summary>The first <see cref="FxLayout.Size"/> bytes of the FXSAVE image, or null for integer case sets.</summary>
    public byte[]? Fx { get; }

    /// <summary>EAX, ECX, EDX, EBX, ESP, EBP, ESI, EDI.</summary>
    public uint[] Regs { get; }

    public uint Eflags { get; }

    /// <summary><see cref="DiffLayout.MemSize"/> bytes from <see cref="DiffLayout.Mem"/>.</summary>
    public byte[] Memory { get; }

    public static CaseRecord Parse(ReadOnlySpan<byte> r)
    {
        var regs = new uint[8];
        for (int i = 0; i < 8; i++) regs[i] = BinaryPrimitives.ReadUInt32LittleEndian(r[(4 * i)..]);
        byte[]? fx = r.Length > DiffLayout.RecordSize ? r.Slice(DiffLayout.RecordSize, FxLayout.Size).ToArray() : null;
        return new CaseRecord(regs, BinaryPrimitives.ReadUInt32LittleEndian(r[32..]), r.Slice(36, DiffLayout.MemSize).ToArray(), fx);
    }

    /// <summary>The record's bytes as the generated program writes them.</summary>
    public byte[] ToBytes()
    {
        var b = new byte[DiffLayout.RecordSize + (Fx?.Length ?? 0)];
        for (int i = 0; i < 8; i++) BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(4 * i), Regs[i]);
        BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(32), Eflags);
        Memory.CopyTo(b, 36);
        Fx?.CopyTo(b, DiffLayout.RecordSize);
        return b;
    }
}
