using Hdbt.Guest;

namespace Hdbt.Helpers;

/// <summary>
/// SSE/MMX operations that move, mask or rearrange bits: moves, logic, shuffles and unpacks.
/// Every operation has the signature of <see cref="SseHelpers"/>' table: r is the result (it
/// starts as a copy of the destination), a the destination's old value, s the source (a copy
/// of a register or the memory operand); imm's low byte is the imm8, the next byte the vector
/// length in bytes (8 for MMX registers, 16 for XMM). They return SSE exception flags.
/// </summary>
internal static unsafe class SseMoveHelpers
{
    private static int Len(uint imm) => (int)(imm >> 8) & 0xFF;

    public static uint MovFull(CpuState* cpu, byte* r, byte* a, byte* s, uint imm)
    {
        Buffer.MemoryCopy(s, r, 16, Len(imm));
        return 0;
    }

    /// <summary>movss from memory: the value, upper lanes zeroed.</summary>
    public static uint MovssMem(CpuState* cpu, byte* r, byte* a, byte* s, uint imm)
    {
        ((uint*)r)[0] = ((uint*)s)[0];
        ((uint*)r)[1] = ((uint*)r)[2] = ((uint*)r)[3] = 0;
        return 0;
    }

    /// <summary>movss between registers: the low lane only.</summary>
    public static uint MovLow4(CpuState* cpu, byte* r, byte* a, byte* s, uint imm)
    {
        ((uint*)r)[0] = ((uint*)s)[0];
        return 0;
    }

    /// <summary>movq/movsd load: the low 8 bytes, the upper 8 zeroed.</summary>
    public static uint MovQ(CpuState* cpu, byte* r, byte* a, byte* s, uint imm)
    {
        ((ulong*)r)[0] = ((ulong*)s)[0];
        if (Len(imm) == 16) ((ulong*)r)[1] = 0;
        return 0;
    }

    /// <summary>movlps/movlpd load, movsd between registers: the low 8 bytes, the upper kept.</summary>
    public static uint MovLow8(CpuState* cpu, byte* r, byte* a, byte* s, uint imm)
    {
        ((ulong*)r)[0] = ((ulong*)s)[0];
        return 0;
    }

    /// <summary>movhps/movhpd load, movlhps: the source's low 8 bytes into the upper 8.</summary>
    public static uint MovHigh8(CpuState* cpu, byte* r, byte* a, byte* s, uint imm)
    {
        ((ulong*)r)[1] = ((ulong*)s)[0];
        return 0;
    }

    public static uint MovHlps(CpuState* cpu, byte* r, byte* a, byte* s, uint imm)
    {
        ((ulong*)r)[0] = ((ulong*)s)[1];
        return 0;
    }

    public static uint And(CpuState* cpu, byte* r, byte* a, byte* s, uint imm)
    {
        ((ulong*)r)[0] = ((ulong*)a)[0] & ((ulong*)s)[0];
        if (Len(imm) == 16) ((ulong*)r)[1] = ((ulong*)a)[1] & ((ulong*)s)[1];
        return 0;
    }

    public static uint Andn(CpuState* cpu, byte* r, byte* a, byte* s, uint imm)
    {
        ((ulong*)r)[0] = ~((ulong*)a)[0] & ((ulong*)s)[0];
        if (Len(imm) == 16) ((ulong*)r)[1] = ~((ulong*)a)[1] & ((ulong*)s)[1];
        return 0;
    }

    public static uint Or(CpuState* cpu, byte* r, byte* a, byte* s, uint imm)
    {
        ((ulong*)r)[0] = ((ulong*)a)[0] | ((ulong*)s)[0];
        if (Len(imm) == 16) ((ulong*)r)[1] = ((ulong*)a)[1] | ((ulong*)s)[1];
        return 0;
    }

    public static uint Xor(CpuState* cpu, byte* r, byte* a, byte* s, uint imm)
    {
        ((ulong*)r)[0] = ((ulong*)a)[0] ^ ((ulong*)s)[0];
        if (Len(imm) == 16) ((ulong*)r)[1] = ((ulong*)a)[1] ^ ((ulong*)s)[1];
        return 0;
    }

    public static uint Shufps(CpuState* cpu, byte* r, byte* a, byte* s, uint imm)
    {
        uint* d = (uint*)r, x = (uint*)a, y = (uint*)s;
        d[0] = x[imm & 3];
        d[1] = x[(imm >> 2) & 3];
        d[2] = y[(imm >> 4) & 3];
        d[3] = y[(imm >> 6) & 3];
        return 0;
    }

    public static uint Shufpd(CpuState* cpu, byte* r, byte* a, byte* s, uint imm)
    {
        ulong* d = (ulong*)r, x = (ulong*)a, y = (ulong*)s;
        d[0] = x[imm & 1];
        d[1] = y[(imm >> 1) & 1];
        return 0;
    }

    public static uint Unpcklps(CpuState* cpu, byte* r, byte* a, byte* s, uint imm)
    {
        uint* d = (uint*)r, x = (uint*)a, y = (uint*)s;
        d[0] = x[0]; d[1] = y[0]; d[2] = x[1]; d[3] = y[1];
        return 0;
    }

    public static uint Unpckhps(CpuState* cpu, byte* r, byte* a, byte* s, uint imm)
    {
        uint* d = (uint*)r, x = (uint*)a, y = (uint*)s;
        d[0] = x[2]; d[1] = y[2]; d[2] = x[3]; d[3] = y[3];
        return 0;
    }

    public static uint Unpcklpd(CpuState* cpu, byte* r, byte* a, byte* s, uint imm)
    {
        ((ulong*)r)[0] = ((ulong*)a)[0];
        ((ulong*)r)[1] = ((ulong*)s)[0];
        return 0;
    }

    public static uint Unpckhpd(CpuState* cpu, byte* r, byte* a, byte* s, uint imm)
    {
        ((ulong*)r)[0] = ((ulong*)a)[1];
        ((ulong*)r)[1] = ((ulong*)s)[1];
        return 0;
    }

    public static uint Pshufd(CpuState* cpu, byte* r, byte* a, byte* s, uint imm)
    {
        uint* d = (uint*)r, y = (uint*)s;
        for (int i = 0; i < 4; i++) d[i] = y[(imm >> (2 * i)) & 3];
        return 0;
    }

    public static uint Pshuflw(CpuState* cpu, byte* r, byte* a, byte* s, uint imm)
    {
        ushort* d = (ushort*)r, y = (ushort*)s;
        for (int i = 0; i < 4; i++) d[i] = y[(imm >> (2 * i)) & 3];
        ((ulong*)r)[1] = ((ulong*)s)[1];
        return 0;
    }

    public static uint Pshufhw(CpuState* cpu, byte* r, byte* a, byte* s, uint imm)
    {
        ushort* d = (ushort*)r, y = (ushort*)s;
        for (int i = 0; i < 4; i++) d[4 + i] = y[4 + ((imm >> (2 * i)) & 3)];
        ((ulong*)r)[0] = ((ulong*)s)[0];
        return 0;
    }

    /// <summary>pshufw (MMX): words of the 8-byte source.</summary>
    public static uint Pshufw(CpuState* cpu, byte* r, byte* a, byte* s, uint imm)
    {
        ushort* d = (ushort*)r, y = (ushort*)s;
        for (int i = 0; i < 4; i++) d[i] = y[(imm >> (2 * i)) & 3];
        return 0;
    }
}
