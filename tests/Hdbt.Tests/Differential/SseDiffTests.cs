using Iced.Intel;
using Xunit;
using static Iced.Intel.AssemblerRegisters;

namespace Hdbt.Tests.Differential;

/// <summary>
/// Differential tests of SSE and SSE2: every case starts from an MXCSR value (rounding control, FTZ
/// and DAZ vary; exceptions stay masked) and XMM0..XMM7 filled with lane values of the kind the
/// instruction works on (edge values: signed zeros, denormals, infinities, quiet and signalling NaNs,
/// extremes, integer limits), and ends with fxsave, so all eight XMM registers, MXCSR (its sticky
/// exception flags included), the GPRs, EFLAGS and memory are compared bit for bit. rcpps/rcpss and
/// rsqrtps/rsqrtss are the exception: their results are implementation specific within a documented
/// relative error of 1.5*2^-12, so their float lanes may differ by twice that.
/// </summary>
public sealed class SseDiffTests
{
    private static readonly AssemblerRegisterXMM[] s_x = [xmm0, xmm1, xmm2, xmm3, xmm4, xmm5, xmm6, xmm7];

    /// <summary>The kind of value in an operand's lanes.</summary>
    private enum Lanes { F32, F64, Int }

    [Fact]
    public void FloatArithmetic() => DiffRunner.Run(FloatCases(1));

    [Fact]
    [Trait("Category", "Long")]
    public void FloatArithmeticLong() => DiffRunner.Run(FloatCases(CaseSet.LongScale));

    [Fact]
    public void CompareAndConvert() => DiffRunner.Run(CompareConvertCases(1), withNoOpt: true);

    [Fact]
    [Trait("Category", "Long")]
    public void CompareAndConvertLong() => DiffRunner.Run(CompareConvertCases(CaseSet.LongScale));

    [Fact]
    public void MovesLogicShuffles() => DiffRunner.Run(MoveCases(1), withNoOpt: true);

    [Fact]
    public void IntegerSimd() => DiffRunner.Run(IntegerCases(1));

    [Fact]
    [Trait("Category", "Long")]
    public void IntegerSimdLong() => DiffRunner.Run(IntegerCases(CaseSet.LongScale));

    [Fact]
    public void Mmx() => DiffRunner.Run(MmxCases(1));

    [Fact]
    [Trait("Category", "Long")]
    public void MmxLong() => DiffRunner.Run(MmxCases(CaseSet.LongScale));

    /// <summary>A case with random XMM registers (integer lanes) and the given MXCSR.</summary>
    private static SnippetCase Case(CaseSet set, string form, uint mxcsr, Action<Assembler>? emit = null)
    {
        var c = set.Add(form, emit);
        c.Fpu = new FpuInit { Mxcsr = mxcsr };
        for (int i = 0; i < 8; i++) c.Fpu.Xmm[i] = Vector(set, Lanes.Int);
        c.Note = $"mxcsr={mxcsr:x8}";
        return c;
    }

    /// <summary>MXCSR values to run a case under: one at random by default, all 16 (4 RC x FTZ x DAZ) in the long run.</summary>
    private static IEnumerable<uint> Mxcsrs(CaseSet set) => set.Scale > 1 ? FpValues.MxcsrValues : [set.Pick(FpValues.MxcsrValues)];

    private static readonly ushort[] s_int16Edges = [0, 1, 0x7F, 0x80, 0xFF, 0x100, 0x7FFF, 0x8000, 0x8001, 0xFFFF, 0xFF80, 0x00FF, 0x7F80];

    /// <summary>A 16-byte vector of lanes of the given kind: edge values half the time, random ones otherwise.</summary>
    private static byte[] Vector(CaseSet set, Lanes kind)
    {
        var v = new byte[16];
        switch (kind)
        {
            case Lanes.F32:
                for (int i = 0; i < 4; i++)
                    BitConverter.TryWriteBytes(v.AsSpan(4 * i), set.Rng.Next(2) == 0 ? set.Pick(FpValues.FloatEdges) : FpValues.RandomFloat(set.Rng));
                break;
            case Lanes.F64:
                for (int i = 0; i < 2; i++)
                    BitConverter.TryWriteBytes(v.AsSpan(8 * i), set.Rng.Next(2) == 0 ? set.Pick(FpValues.DoubleEdges) : FpValues.RandomDouble(set.Rng));
                break;
            default:
                set.Rng.NextBytes(v);
                for (int i = 0; i < 8; i++)
                    if (set.Rng.Next(3) == 0) BitConverter.TryWriteBytes(v.AsSpan(2 * i), set.Pick(s_int16Edges));
                break;
        }
        return v;
    }

    private static void PokeBytes(CaseSet set, SnippetCase c, int offset, byte[] bytes, int count)
    {
        for (int i = 0; i < count; i++) set.Poke(c, offset + i, bytes[i], 1);
    }

    /// <summary>
    /// A register-register case and a register-memory case of a two-operand instruction (imm8 appended when given).
    /// The memory operand is 16-byte aligned (legacy SSE requires it for m128) at a random addressing form.
    /// </summary>
    private static void Binary(CaseSet set, string mn, Lanes dstKind, Lanes srcKind, int memSize, uint mxcsr, byte? imm = null,
        bool approximate = false, bool regForm = true)
    {
        int d = set.Rng.Next(8), s = set.Rng.Next(4) == 0 ? d : set.Rng.Next(8);
        string suffix = imm is byte k ? $",{k}" : "";
        if (regForm)
        {
            var c = Case(set, $"{mn} xmm,xmm{suffix}", mxcsr);
            c.Fpu!.Xmm[s] = Vector(set, srcKind);
            if (d != s) c.Fpu.Xmm[d] = Vector(set, dstKind);
            c.Emit = a =>
            {
                if (imm is byte i) AsmOps.Emit(a, mn, s_x[d], s_x[s], i);
                else AsmOps.Emit(a, mn, s_x[d], s_x[s]);
            };
            c.XmmApproximate = approximate;
        }
        if (memSize == 0) return;
        var cm = Case(set, $"{mn} xmm,m{memSize * 8}{suffix}", mxcsr);
        cm.Fpu!.Xmm[d] = Vector(set, dstKind);
        int off = 16 * set.Rng.Next(4);
        PokeBytes(set, cm, off, Vector(set, srcKind), 16);
        var m = set.MemOperand(cm, memSize, off);
        cm.Emit = a =>
        {
            if (imm is byte i) AsmOps.Emit(a, mn, s_x[d], m, i);
            else AsmOps.Emit(a, mn, s_x[d], m);
        };
        cm.XmmApproximate = approximate;
    }

    private static CaseSet FloatCases(int scale)
    {
        var set = new CaseSet("sse-float", 9201, scale) { Fpu = FpuKind.Sse };
        string[] ops = ["add", "sub", "mul", "div", "min", "max", "sqrt"];
        for (int n = 0; n < 4 * scale; n++)
            foreach (var mx in Mxcsrs(set))
                foreach (var op in ops)
                {
                    Binary(set, op + "ps", Lanes.F32, Lanes.F32, 16, mx);
                    Binary(set, op + "ss", Lanes.F32, Lanes.F32, 4, mx);
                    Binary(set, op + "pd", Lanes.F64, Lanes.F64, 16, mx);
                    Binary(set, op + "sd", Lanes.F64, Lanes.F64, 8, mx);
                }
        // Approximations: compared within their documented error (see the class comment).
        for (int n = 0; n < 4 * scale; n++)
            foreach (var op in new[] { "rcpps", "rcpss", "rsqrtps", "rsqrtss" })
                Binary(set, op, Lanes.F32, Lanes.F32, op.EndsWith("ps") ? 16 : 4, set.Pick(FpValues.MxcsrValues), approximate: true);
        // Each rounding control, FTZ and DAZ on operands that round, overflow, underflow and are denormal.
        foreach (var mx in FpValues.MxcsrValues)
        {
            foreach (var (op, x, y) in new (string, double, double)[]
            {
                ("divsd", 1, 3), ("divsd", -1, 3), ("addsd", 1, 1.1102230246251565E-16), ("mulsd", double.MaxValue, 2),
                ("mulsd", 2.2250738585072014E-308, 0.75), ("addsd", double.Epsilon, 0), ("subsd", 1, 1), ("sqrtsd", 0, 2),
                ("divsd", 1, 0), ("divsd", 0, 0), ("mulsd", 0, double.PositiveInfinity), ("minsd", -0.0, 0.0), ("maxsd", double.NaN, 1),
            })
            {
                var c = Case(set, $"{op} rounding", mx, a => AsmOps.Emit(a, op, xmm1, xmm2));
                BitConverter.TryWriteBytes(c.Fpu!.Xmm[1].AsSpan(), x);
                BitConverter.TryWriteBytes(c.Fpu.Xmm[2].AsSpan(), y);
            }
            foreach (var (op, x, y) in new (string, float, float)[] { ("divss", 1, 3), ("mulss", 1.1754944E-38f, 0.5f), ("addss", 1.4E-45f, 1.4E-45f), ("divss", float.MaxValue, 0.5f) })
            {
                var c = Case(set, $"{op} rounding", mx, a => AsmOps.Emit(a, op, xmm3, xmm4));
                BitConverter.TryWriteBytes(c.Fpu!.Xmm[3].AsSpan(), x);
                BitConverter.TryWriteBytes(c.Fpu.Xmm[4].AsSpan(), y);
            }
        }
        return set;
    }

    private static CaseSet CompareConvertCases(int scale)
    {
        var set = new CaseSet("sse-cmpcvt", 9202, scale) { Fpu = FpuKind.Sse };
        for (int n = 0; n < 3 * scale; n++)
        {
            foreach (var mx in Mxcsrs(set))
            {
                for (byte p = 0; p < 8; p++)
                {
                    Binary(set, "cmpps", Lanes.F32, Lanes.F32, 16, mx, p);
                    Binary(set, "cmpss", Lanes.F32, Lanes.F32, 4, mx, p);
                    Binary(set, "cmppd", Lanes.F64, Lanes.F64, 16, mx, p);
                    Binary(set, "cmpsd", Lanes.F64, Lanes.F64, 8, mx, p);
                }
                // comis/ucomis: ZF PF CF from the compare, OF SF AF cleared; QNaN raises IE only for comis.
                foreach (var op in new[] { "comiss", "ucomiss" }) Binary(set, op, Lanes.F32, Lanes.F32, 4, mx);
                foreach (var op in new[] { "comisd", "ucomisd" }) Binary(set, op, Lanes.F64, Lanes.F64, 8, mx);

                // Float <-> float and packed integer conversions.
                Binary(set, "cvtss2sd", Lanes.F64, Lanes.F32, 4, mx);
                Binary(set, "cvtsd2ss", Lanes.F32, Lanes.F64, 8, mx);
                Binary(set, "cvtps2pd", Lanes.F64, Lanes.F32, 8, mx);
                Binary(set, "cvtpd2ps", Lanes.F32, Lanes.F64, 16, mx);
                Binary(set, "cvtdq2ps", Lanes.F32, Lanes.Int, 16, mx);
                Binary(set, "cvtdq2pd", Lanes.F64, Lanes.Int, 8, mx);
                foreach (var op in new[] { "cvtps2dq", "cvttps2dq" }) Binary(set, op, Lanes.Int, Lanes.F32, 16, mx);
                foreach (var op in new[] { "cvtpd2dq", "cvttpd2dq" }) Binary(set, op, Lanes.Int, Lanes.F64, 16, mx);

                // Scalar conversions to and from a GPR (rounded by RC, or truncated; out of range: 0x80000000).
                foreach (var (op, kind, size) in new[] { ("cvtss2si", Lanes.F32, 4), ("cvttss2si", Lanes.F32, 4), ("cvtsd2si", Lanes.F64, 8), ("cvttsd2si", Lanes.F64, 8) })
                {
                    int s = set.Rng.Next(8);
                    var r = set.Pick(AsmOps.Gprs(4));
                    var c = Case(set, $"{op} r32,xmm", mx, a => AsmOps.Emit(a, op, AsmOps.Reg(r), s_x[s]));
                    c.Fpu!.Xmm[s] = set.Rng.Next(3) == 0 ? Halves(set, kind) : Vector(set, kind);
                    var cm = Case(set, $"{op} r32,m{size * 8}", mx);
                    int off = 8 * set.Rng.Next(8);
                    PokeBytes(set, cm, off, set.Rng.Next(3) == 0 ? Halves(set, kind) : Vector(set, kind), size);
                    var m = set.MemOperand(cm, size, off, r);
                    cm.Emit = a => AsmOps.Emit(a, op, AsmOps.Reg(r), m);
                }
                foreach (var op in new[] { "cvtsi2ss", "cvtsi2sd" })
                {
                    int d = set.Rng.Next(8);
                    var r = set.Pick(AsmOps.Gprs(4));
                    var c = Case(set, $"{op} xmm,r32", mx, a => AsmOps.Emit(a, op, s_x[d], AsmOps.Reg(r)));
                    c.Set(r, set.Rng.Next(3) == 0 ? set.Pick(DiffValues.Edges32) : DiffValues.Random32(set.Rng));
                    var cm = Case(set, $"{op} xmm,m32", mx);
                    set.Poke(cm, 12, set.Pick(DiffValues.Edges32), 4);
                    var m = set.MemOperand(cm, 4, 12);
                    cm.Emit = a => AsmOps.Emit(a, op, s_x[d], m);
                }
            }
        }
        return set;
    }

    /// <summary>Lanes holding values halfway between integers and near the int32 limits (rounding-control sensitive).</summary>
    private static byte[] Halves(CaseSet set, Lanes kind)
    {
        double[] vals = [0.5, -0.5, 1.5, -1.5, 2.5, -2.5, 2147483647.5, -2147483648.5, 2147483648.0, -2147483649.0, 1e10, 0.49999997, -0.0];
        var v = new byte[16];
        for (int i = 0; i < (kind == Lanes.F32 ? 4 : 2); i++)
        {
            double x = set.Pick(vals);
            if (kind == Lanes.F32) BitConverter.TryWriteBytes(v.AsSpan(4 * i), (float)x);
            else BitConverter.TryWriteBytes(v.AsSpan(8 * i), x);
        }
        return v;
    }

    private static CaseSet MoveCases(int scale)
    {
        var set = new CaseSet("sse-move", 9203, scale) { Fpu = FpuKind.Sse };
        for (int n = 0; n < 3 * scale; n++)
        {
            uint mx = set.Pick(FpValues.MxcsrValues);
            // Logic and unpacks/shuffles (float and integer domains).
            foreach (var op in new[] { "andps", "andnps", "orps", "xorps", "andpd", "andnpd", "orpd", "xorpd", "pand", "pandn", "por", "pxor",
                                       "unpcklps", "unpckhps", "unpcklpd", "unpckhpd", "punpcklbw", "punpcklwd", "punpckldq", "punpcklqdq",
                                       "punpckhbw", "punpckhwd", "punpckhdq", "punpckhqdq", "movhlps", "movlhps" })
                Binary(set, op, Lanes.Int, Lanes.Int, op.StartsWith("movhl") || op.StartsWith("movlh") ? 0 : 16, mx);
            foreach (var op in new[] { "shufps", "shufpd", "pshufd", "pshuflw", "pshufhw" })
                Binary(set, op, Lanes.Int, Lanes.Int, 16, mx, (byte)set.Rng.Next(256));
            // Register and load forms of the moves (the load forms zero or keep the upper lanes).
            foreach (var (op, size) in new[] { ("movaps", 16), ("movups", 16), ("movapd", 16), ("movupd", 16), ("movdqa", 16), ("movdqu", 16),
                                               ("movss", 4), ("movsd", 8), ("movq", 8) })
                Binary(set, op, Lanes.Int, Lanes.Int, size, mx);
            foreach (var (op, size) in new[] { ("movlps", 8), ("movhps", 8), ("movlpd", 8), ("movhpd", 8) })
                Binary(set, op, Lanes.Int, Lanes.Int, size, mx, regForm: false);
            // Stores (unaligned ones at odd offsets, crossing the page boundary at Mem+32).
            foreach (var (op, size, aligned) in new[] { ("movaps", 16, true), ("movups", 16, false), ("movdqa", 16, true), ("movdqu", 16, false),
                                                        ("movapd", 16, true), ("movupd", 16, false), ("movss", 4, false), ("movsd", 8, false),
                                                        ("movq", 8, false), ("movlps", 8, false), ("movhps", 8, false), ("movlpd", 8, false),
                                                        ("movhpd", 8, false), ("movntdq", 16, true), ("movntps", 16, true) })
            {
                int s = set.Rng.Next(8);
                int off = aligned ? 16 * set.Rng.Next(3) : set.Rng.Next(0, 64 - size);
                var c = Case(set, $"{op} m{size * 8},xmm", mx);
                var m = set.MemOperand(c, size, off);
                c.Emit = a => AsmOps.Emit(a, op, m, s_x[s]);
            }
            // GPR <-> XMM and masks.
            {
                int x = set.Rng.Next(8);
                var r = set.Pick(AsmOps.Gprs(4));
                Case(set, "movd xmm,r32", mx, a => a.movd(s_x[x], AsmOps.R32(r)));
                Case(set, "movd r32,xmm", mx, a => a.movd(AsmOps.R32(r), s_x[x]));
                var c = Case(set, "movd xmm,m32", mx);
                var m = set.MemOperand(c, 4, set.Rng.Next(0, 60));
                c.Emit = a => a.movd(s_x[x], m);
                c = Case(set, "movd m32,xmm", mx);
                var m2 = set.MemOperand(c, 4, set.Rng.Next(0, 60));
                c.Emit = a => a.movd(m2, s_x[x]);
                foreach (var op in new[] { "movmskps", "movmskpd", "pmovmskb" })
                    Case(set, $"{op} r32,xmm", mx, a => AsmOps.Emit(a, op, AsmOps.Reg(r), s_x[x]));
                byte k = (byte)set.Rng.Next(256);
                Case(set, "pextrw r32,xmm,imm", mx, a => a.pextrw(AsmOps.R32(r), s_x[x], k));
                Case(set, "pinsrw xmm,r32,imm", mx, a => a.pinsrw(s_x[x], AsmOps.R32(r), k));
                c = Case(set, "pinsrw xmm,m16,imm", mx);
                var m3 = set.MemOperand(c, 2, set.Rng.Next(0, 62));
                c.Emit = a => a.pinsrw(s_x[x], m3, k);
            }
        }
        // ldmxcsr/stmxcsr: every rounding control, FTZ, DAZ and sticky flag combination that is valid.
        foreach (var mx in FpValues.MxcsrValues.Concat([0x1FBFu, 0xFFFFu, 0x9FC0u]))
        {
            var c = Case(set, "ldmxcsr; divps; stmxcsr", 0x1F80);
            set.Poke(c, 0, mx & 0xFFFF, 4);
            c.Fpu!.Xmm[1] = Vector(set, Lanes.F32);
            c.Fpu.Xmm[2] = Vector(set, Lanes.F32);
            c.Emit = a =>
            {
                a.ldmxcsr(__dword_ptr[(long)DiffLayout.Mem]);
                a.stmxcsr(__dword_ptr[(long)DiffLayout.Mem + 4]);
                a.divps(xmm1, xmm2);
                a.stmxcsr(__dword_ptr[(long)DiffLayout.Mem + 8]);
                a.ldmxcsr(__dword_ptr[(long)DiffLayout.Mem + 12]);
            };
            // Masked again before fxsave's successor (the next case) could see an unmasked pending flag.
            set.Poke(c, 12, 0x1F80, 4);
        }
        return set;
    }

    private static readonly HashSet<string> s_shifts = ["psllw", "pslld", "psllq", "psrlw", "psrld", "psrlq", "psraw", "psrad"];

    private static CaseSet IntegerCases(int scale)
    {
        var set = new CaseSet("sse-int", 9204, scale) { Fpu = FpuKind.Sse };
        string[] ops =
        [
            "paddb", "paddw", "paddd", "paddq", "psubb", "psubw", "psubd", "psubq",
            "paddsb", "paddsw", "paddusb", "paddusw", "psubsb", "psubsw", "psubusb", "psubusw",
            "pcmpeqb", "pcmpeqw", "pcmpeqd", "pcmpgtb", "pcmpgtw", "pcmpgtd",
            "pmullw", "pmulhw", "pmulhuw", "pmuludq", "pmaddwd", "pavgb", "pavgw", "psadbw",
            "pminub", "pmaxub", "pminsw", "pmaxsw", "packsswb", "packssdw", "packuswb",
            "psllw", "pslld", "psllq", "psrlw", "psrld", "psrlq", "psraw", "psrad",
        ];
        for (int n = 0; n < 3 * scale; n++)
        {
            uint mx = set.Pick(FpValues.MxcsrValues);
            foreach (var op in ops)
            {
                if (s_shifts.Contains(op))
                {
                    // Shift by xmm/m128: the count is the low quadword; small counts usually, sometimes huge.
                    int d = set.Rng.Next(8), s = (d + 1 + set.Rng.Next(7)) % 8;
                    var c = Case(set, $"{op} xmm,xmm", mx, a => AsmOps.Emit(a, op, s_x[d], s_x[s]));
                    ulong count = set.Rng.Next(4) == 0 ? (ulong)set.Rng.NextInt64() : (ulong)set.Rng.Next(0, 70);
                    BitConverter.TryWriteBytes(c.Fpu!.Xmm[s].AsSpan(), count);
                    byte imm = (byte)(set.Rng.Next(4) == 0 ? set.Rng.Next(256) : set.Rng.Next(0, 70));
                    Case(set, $"{op} xmm,imm", mx, a => AsmOps.Emit(a, op, s_x[d], imm));
                    continue;
                }
                Binary(set, op, Lanes.Int, Lanes.Int, 16, mx);
            }
            int x = set.Rng.Next(8);
            byte k = (byte)set.Rng.Next(0, 20);
            Case(set, "pslldq xmm,imm", mx, a => a.pslldq(s_x[x], k));
            Case(set, "psrldq xmm,imm", mx, a => a.psrldq(s_x[x], k));
        }
        return set;
    }
    private static readonly AssemblerRegisterMM[] s_mm = [mm0, mm1, mm2, mm3, mm4, mm5, mm6, mm7];

    /// <summary>
    /// MMX (and the SSE/SSE2 instructions on MMX registers). MM0..MM7 alias the low 64 bits of the x87
    /// physical registers R0..R7: the start state pushes eight 80-bit values whose mantissas are the MMX
    /// values (after fninit and eight pushes, TOP is 0 again, so ST(i) = R(i) = MMi). An MMX instruction
    /// sets TOP to 0 and every tag valid, and writing MMi sets bits 64..79 of Ri to all ones: fxsave
    /// shows it all. Some cases end with emms (all tags empty).
    /// </summary>
    private static CaseSet MmxCases(int scale)
    {
        var set = new CaseSet("mmx", 9205, scale) { Fpu = FpuKind.Sse };
        string[] ops =
        [
            "paddb", "paddw", "paddd", "paddq", "psubb", "psubw", "psubd", "psubq", "paddsb", "paddsw", "paddusb", "paddusw",
            "psubsb", "psubsw", "psubusb", "psubusw", "pcmpeqb", "pcmpeqw", "pcmpeqd", "pcmpgtb", "pcmpgtw", "pcmpgtd",
            "pmullw", "pmulhw", "pmulhuw", "pmuludq", "pmaddwd", "pavgb", "pavgw", "psadbw", "pminub", "pmaxub", "pminsw", "pmaxsw",
            "packsswb", "packssdw", "packuswb", "punpcklbw", "punpcklwd", "punpckldq", "punpckhbw", "punpckhwd", "punpckhdq",
            "pand", "pandn", "por", "pxor", "psllw", "pslld", "psllq", "psrlw", "psrld", "psrlq", "psraw", "psrad", "movq",
        ];
        SnippetCase MmCase(string form, Action<Assembler>? emit = null)
        {
            var c = Case(set, form, set.Pick(FpValues.MxcsrValues), emit);
            for (int i = 7; i >= 0; i--)
            {
                var v = Vector(set, Lanes.Int);
                c.Fpu!.Push(Ext80.Make(v[9] >= 0x80, 0x3FFF + (v[8] & 0x3F) - 0x20, BitConverter.ToUInt64(v, 0)));
            }
            return c;
        }
        for (int n = 0; n < 3 * scale; n++)
        {
            foreach (var op in ops)
            {
                int d = set.Rng.Next(8), s = set.Rng.Next(8);
                bool emms = set.Rng.Next(4) == 0;
                var c = MmCase($"{op} mm,mm", a =>
                {
                    AsmOps.Emit(a, op, s_mm[d], s_mm[s]);
                    if (emms) a.emms();
                });
                if (s_shifts.Contains(op))
                {
                    // Shift counts: small usually, sometimes huge.
                    ulong count = set.Rng.Next(4) == 0 ? (ulong)set.Rng.NextInt64() : (ulong)set.Rng.Next(0, 70);
                    c.Fpu!.Stack[s] = Ext80.Make(false, 0x3FFF, count);
                    byte imm = (byte)(set.Rng.Next(4) == 0 ? set.Rng.Next(256) : set.Rng.Next(0, 70));
                    MmCase($"{op} mm,imm", a => AsmOps.Emit(a, op, s_mm[d], imm));
                    continue;
                }
                var cm = MmCase($"{op} mm,m64");
                int off = set.Rng.Next(0, 57);
                var m = set.MemOperand(cm, 8, off);
                cm.Emit = a => AsmOps.Emit(a, op, s_mm[d], m);
            }
            {
                int x = set.Rng.Next(8), y = set.Rng.Next(8);
                var r = set.Pick(AsmOps.Gprs(4));
                byte k = (byte)set.Rng.Next(256);
                MmCase("movd mm,r32", a => a.movd(s_mm[x], AsmOps.R32(r)));
                MmCase("movd r32,mm", a => a.movd(AsmOps.R32(r), s_mm[x]));
                var c = MmCase("movq m64,mm");
                var m = set.MemOperand(c, 8, set.Rng.Next(0, 57));
                c.Emit = a => a.movq(m, s_mm[x]);
                MmCase("pmovmskb r32,mm", a => a.pmovmskb(AsmOps.R32(r), s_mm[x]));
                MmCase("pextrw r32,mm,imm", a => a.pextrw(AsmOps.R32(r), s_mm[x], k));
                MmCase("pinsrw mm,r32,imm", a => a.pinsrw(s_mm[x], AsmOps.R32(r), k));
                MmCase("pshufw mm,mm,imm", a => a.pshufw(s_mm[x], s_mm[y], k));
                MmCase("movq2dq xmm,mm", a => a.movq2dq(s_x[x], s_mm[y]));
                MmCase("movdq2q mm,xmm", a => a.movdq2q(s_mm[x], s_x[y]));
                MmCase("emms", a => a.emms());
                MmCase("paddb; fld1 (after emms)", a => { a.paddb(s_mm[x], s_mm[y]); a.emms(); a.fld1(); });
                // fnstenv/fnsave after MMX store the full tag word computed from the register contents
                // (the written MMi has exponent all ones: special; the others valid, zero or special by
                // value), not the all-valid internal tags. Some registers hold zeros, denormals, NaNs.
                // FIP, FCS, FOP, FDP, FDS (bytes 12..27) are model specific: not compared.
                foreach (bool save in new[] { false, true })
                {
                    long mem = DiffLayout.Mem;
                    var ce = MmCase(save ? "paddb; fnsave" : "paddb; fnstenv", a =>
                    {
                        a.paddb(s_mm[x], s_mm[y]);
                        if (save) a.fnsave(__[mem]);
                        else a.fnstenv(__[mem]);
                    });
                    for (int i = 0; i < 8; i++)
                        if (set.Rng.Next(3) == 0) ce.Fpu!.Stack[i] = set.Pick(FpValues.Ext80Edges);
                    ce.IgnoreMemory(12, 16);
                }
                // Conversions between MMX integer pairs and SSE floats.
                c = MmCase("cvtpi2ps xmm,mm", a => a.cvtpi2ps(s_x[x], s_mm[y]));
                c = MmCase("cvtpi2pd xmm,mm", a => a.cvtpi2pd(s_x[x], s_mm[y]));
                foreach (var op in new[] { "cvtps2pi", "cvttps2pi" })
                {
                    c = MmCase($"{op} mm,xmm", a => AsmOps.Emit(a, op, s_mm[x], s_x[y]));
                    c.Fpu!.Xmm[y] = set.Rng.Next(2) == 0 ? Halves(set, Lanes.F32) : Vector(set, Lanes.F32);
                }
                foreach (var op in new[] { "cvtpd2pi", "cvttpd2pi" })
                {
                    c = MmCase($"{op} mm,xmm", a => AsmOps.Emit(a, op, s_mm[x], s_x[y]));
                    c.Fpu!.Xmm[y] = set.Rng.Next(2) == 0 ? Halves(set, Lanes.F64) : Vector(set, Lanes.F64);
                }
            }
        }
        return set;
    }
}
