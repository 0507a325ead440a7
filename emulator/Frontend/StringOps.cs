using Hdbt.Guest;
using Hdbt.Ir;
using Iced.Intel;
using IcedRegister = Iced.Intel.Register;

namespace Hdbt.Frontend;

/// <summary>
/// String instructions: movs, stos, lods, cmps, scas in byte, word and dword sizes, with the
/// rep, repe/repz and repne/repnz prefixes, the direction flag, a segment override on the
/// DS:ESI operand and the 16-bit address-size forms (SI, DI, CX).
/// </summary>
/// <remarks>
/// A rep prefix becomes a loop inside the block (the instruction may run millions of
/// iterations without returning to the dispatcher). The loop is tested at the bottom after
/// one guard for a zero count, so each iteration costs one branch (two for repe/repne), and
/// registers are updated in place. cmps and scas record their flags once after the loop, from
/// the last iteration's operands, rather than in every iteration.
/// </remarks>
public static class StringOps
{
    private enum Kind { Movs, Stos, Lods, Cmps, Scas }

    public static void Register(HandlerTable t)
    {
        t.Add(StringOp, Mnemonic.Movsb, Mnemonic.Movsw, Mnemonic.Movsd, Mnemonic.Stosb, Mnemonic.Stosw, Mnemonic.Stosd,
            Mnemonic.Lodsb, Mnemonic.Lodsw, Mnemonic.Lodsd, Mnemonic.Cmpsb, Mnemonic.Cmpsw, Mnemonic.Cmpsd,
            Mnemonic.Scasb, Mnemonic.Scasw, Mnemonic.Scasd);
    }

    /// <summary>The string operation and element size of an instruction; Iced's Movsd and Cmpsd also name SSE2 instructions, which are not string ops.</summary>
    private static (Kind Kind, int Size) Classify(Code code) => code switch
    {
        Code.Movsb_m8_m8 => (Kind.Movs, 1),
        Code.Movsw_m16_m16 => (Kind.Movs, 2),
        Code.Movsd_m32_m32 => (Kind.Movs, 4),
        Code.Stosb_m8_AL => (Kind.Stos, 1),
        Code.Stosw_m16_AX => (Kind.Stos, 2),
        Code.Stosd_m32_EAX => (Kind.Stos, 4),
        Code.Lodsb_AL_m8 => (Kind.Lods, 1),
        Code.Lodsw_AX_m16 => (Kind.Lods, 2),
        Code.Lodsd_EAX_m32 => (Kind.Lods, 4),
        Code.Cmpsb_m8_m8 => (Kind.Cmps, 1),
        Code.Cmpsw_m16_m16 => (Kind.Cmps, 2),
        Code.Cmpsd_m32_m32 => (Kind.Cmps, 4),
        Code.Scasb_AL_m8 => (Kind.Scas, 1),
        Code.Scasw_AX_m16 => (Kind.Scas, 2),
        Code.Scasd_EAX_m32 => (Kind.Scas, 4),
        _ => throw new UnsupportedInstructionException($"{code} is not a string instruction"),
    };

    private static void StringOp(FrontendContext ctx)
    {
        var b = ctx.B;
        var (kind, size) = Classify(ctx.Insn.Code);
        // The 0x67 prefix selects SI, DI and CX; Iced reports it in the operand kinds.
        bool a16 = ctx.Insn.Op0Kind is OpKind.MemorySegSI or OpKind.MemoryESDI
            || ctx.Insn.Op1Kind is OpKind.MemorySegSI or OpKind.MemoryESDI;
        var regs = new Registers(
            a16 ? IcedRegister.SI : IcedRegister.ESI,
            a16 ? IcedRegister.DI : IcedRegister.EDI,
            size == 1 ? IcedRegister.AL : size == 2 ? IcedRegister.AX : IcedRegister.EAX);

        // Df is +1 or -1, so shifting it left by log2(size) gives the signed step.
        int df = IrBuilder.Global(GlobalSlot.Df);
        int step = size == 1 ? df : b.Shl(df, b.Const((uint)System.Numerics.BitOperations.Log2((uint)size)));

        bool compare = kind is Kind.Cmps or Kind.Scas;
        // stos and scas read the accumulator, which no iteration changes: read it once.
        int acc = kind is Kind.Stos or Kind.Scas ? ctx.ReadReg(regs.Accumulator) : -1;
        bool rep = ctx.Insn.HasRepePrefix || ctx.Insn.HasRepnePrefix;
        if (!rep)
        {
            var (x, y) = Iteration(ctx, kind, size, regs, step, acc);
            if (compare) SetCompareFlags(ctx, size, x, y);
            return;
        }

        // For movs, stos and lods, F2 repeats exactly as F3 does; only cmps and scas test ZF.
        IcedRegister counter = a16 ? IcedRegister.CX : IcedRegister.ECX;
        CcOp? flagsBefore = ctx.KnownCcOp;
        int top = b.NewLabel(), done = b.NewLabel();
        b.BrCond(Cond.Eq, ctx.ReadReg(counter), b.Const(0), done);
        b.Label(top);
        var (first, second) = Iteration(ctx, kind, size, regs, step, acc);
        int left;
        if (a16)
        {
            // left comes from the zero-extended CX, so it needs no masking for the test below.
            left = b.Sub(ctx.ReadReg(counter), b.Const(1));
            ctx.WriteReg(counter, left);
        }
        else
        {
            left = IrBuilder.Global(GlobalSlot.Ecx);
            b.Binary(Opcode.Sub, left, left, b.Const(1));
        }
        if (!compare)
        {
            b.BrCond(Cond.Ne, left, b.Const(0), top);
            b.Label(done);
            return;
        }

        // repe continues while the elements are equal (ZF = 1), repne while they differ. The
        // compared values are the same temps in every iteration, so after the loop they hold the
        // last pair; the zero-count guard jumps past the flag update.
        int last = b.NewLabel();
        b.BrCond(ctx.Insn.HasRepePrefix ? Cond.Ne : Cond.Eq, first, second, last);
        b.BrCond(Cond.Ne, left, b.Const(0), top);
        b.Label(last);
        SetCompareFlags(ctx, size, first, second);
        b.Label(done);

        // With a zero count the flags are those from before the instruction; after one or more
        // iterations they are the last comparison's. Only when both agree is the op still known.
        if (flagsBefore != ctx.KnownCcOp) ctx.FlagsUnknown();
    }

    /// <summary>Flags as cmp sets them: first - second.</summary>
    private static void SetCompareFlags(FrontendContext ctx, int size, int first, int second) =>
        ctx.SetFlags(CcOp.SubB, size, ctx.B.Sub(first, second), second);

    private readonly record struct Registers(IcedRegister Si, IcedRegister Di, IcedRegister Accumulator);

    /// <summary>
    /// Emits one element's work and the pointer updates, but not the flags. For cmps and scas returns
    /// the two compared values (zero-extended), else (-1, -1).
    /// </summary>
    private static (int First, int Second) Iteration(FrontendContext ctx, Kind kind, int size, in Registers regs, int step, int acc)
    {
        switch (kind)
        {
            case Kind.Movs:
            {
                int v = ctx.Load(size, Source(ctx, regs));
                ctx.Store(size, v, Destination(ctx, regs));
                Advance(ctx, regs.Si, step);
                Advance(ctx, regs.Di, step);
                return (-1, -1);
            }
            case Kind.Stos:
                ctx.Store(size, acc, Destination(ctx, regs));
                Advance(ctx, regs.Di, step);
                return (-1, -1);
            case Kind.Lods:
                ctx.WriteReg(regs.Accumulator, ctx.Load(size, Source(ctx, regs)));
                Advance(ctx, regs.Si, step);
                return (-1, -1);
            case Kind.Cmps:
            {
                // cmps subtracts the ES:EDI element from the DS:ESI one.
                int x = ctx.Load(size, Source(ctx, regs));
                int y = ctx.Load(size, Destination(ctx, regs));
                Advance(ctx, regs.Si, step);
                Advance(ctx, regs.Di, step);
                return (x, y);
            }
            default:
            {
                int y = ctx.Load(size, Destination(ctx, regs));
                Advance(ctx, regs.Di, step);
                return (acc, y);
            }
        }
    }

    /// <summary>DS:ESI, or the segment named by an override prefix (Iced reports it as the memory segment).</summary>
    private static int Source(FrontendContext ctx, in Registers regs) =>
        ctx.AddSegmentBase(ctx.ReadReg(regs.Si), ctx.Insn.MemorySegment);

    /// <summary>ES:EDI; the ES of the destination cannot be overridden.</summary>
    private static int Destination(FrontendContext ctx, in Registers regs) =>
        ctx.AddSegmentBase(ctx.ReadReg(regs.Di), IcedRegister.ES);

    private static void Advance(FrontendContext ctx, IcedRegister pointer, int step)
    {
        if (pointer.GetSize() == 4)
        {
            int g = IrBuilder.Global((GlobalSlot)FrontendContext.Slot32(pointer));
            ctx.B.Binary(Opcode.Add, g, g, step);
        }
        else
        {
            // 16-bit addressing wraps SI and DI within their low word.
            ctx.WriteReg(pointer, ctx.B.Add(ctx.ReadReg(pointer), step));
        }
    }
}
