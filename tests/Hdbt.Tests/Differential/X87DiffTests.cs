using Iced.Intel;
using Xunit;
using static Iced.Intel.AssemblerRegisters;

namespace Hdbt.Tests.Differential;

/// <summary>
/// Differential tests of the x87: every case starts from fninit, a control word (rounding control and
/// precision control vary; exceptions stay masked) and up to eight values on the stack, and ends with
/// fxsave, so the stack, tags, TOP, status flags (C1 round-up included) and memory are compared.
/// C0, C2 and C3 are not compared where Intel leaves them undefined (after arithmetic, loads and
/// stores); they are compared after compares, fxam, ftst and fprem. Transcendental results may differ
/// by <see cref="TranscendentalUlps"/> units in the last place (hardware is within 1 ulp of the true
/// value, so is a correct emulation: they may disagree by 2) and their C1 (round-up) is not compared.
/// </summary>
public sealed class X87DiffTests
{
    /// <summary>Tolerance of transcendental results, in units of the 64-bit mantissa's last place.</summary>
    public const int TranscendentalUlps = 4;

    /// <summary>C0, C2 and C3: undefined after arithmetic, loads and stores.</summary>
    private const ushort C023 = 0x4500;

    private const ushort C1 = 0x0200;

    private static readonly AssemblerRegisterST[] s_st = [st0, st1, st2, st3, st4, st5, st6, st7];

    [Fact]
    public void LoadsAndStores() => DiffRunner.Run(LoadStoreCases(1));

    [Fact]
    [Trait("Category", "Long")]
    public void LoadsAndStoresLong() => DiffRunner.Run(LoadStoreCases(CaseSet.LongScale));

    [Fact]
    public void Arithmetic() => DiffRunner.Run(ArithmeticCases(1));

    [Fact]
    [Trait("Category", "Long")]
    public void ArithmeticLong() => DiffRunner.Run(ArithmeticCases(CaseSet.LongScale));

    [Fact]
    public void Compares() => DiffRunner.Run(CompareCases(1), withNoOpt: true);

    [Fact]
    [Trait("Category", "Long")]
    public void ComparesLong() => DiffRunner.Run(CompareCases(CaseSet.LongScale));

    [Fact]
    public void UnaryAndRemainder() => DiffRunner.Run(UnaryCases(1));

    [Fact]
    [Trait("Category", "Long")]
    public void UnaryAndRemainderLong() => DiffRunner.Run(UnaryCases(CaseSet.LongScale));

    [Fact]
    public void ConstantsAndStackOps() => DiffRunner.Run(StackCases(1));

    [Fact]
    public void ControlAndEnvironment() => DiffRunner.Run(ControlCases(), withNoOpt: true);

    [Fact]
    public void Transcendentals() => DiffRunner.Run(TranscendentalCases(1));

    [Fact]
    [Trait("Category", "Long")]
    public void TranscendentalsLong() => DiffRunner.Run(TranscendentalCases(CaseSet.LongScale));

    /// <summary>A case with an FP start state: control word and stack (ST(0) first).</summary>
    private static SnippetCase Case(CaseSet set, string form, ushort cw, IReadOnlyList<byte[]> stack, Action<Assembler>? emit = null)
    {
        var c = set.Add(form, emit);
        c.Fpu = new FpuInit { Fcw = cw };
        for (int i = stack.Count - 1; i >= 0; i--) c.Fpu.Push(stack[i]);
        c.FswMask = C023;
        c.Note = $"fcw={cw:x4}";
        return c;
    }

    /// <summary>Control words to run a value combination under: one at random by default, all 12 (4 RC x 3 PC) in the long run.</summary>
    private static IEnumerable<ushort> Cws(CaseSet set) =>
        set.Scale > 1 ? FpValues.ControlWords : [set.Pick(FpValues.ControlWords)];

    /// <summary>A stack of <paramref name="depth"/> random values with the given ones on top.</summary>
    private static byte[][] Stack(CaseSet set, int depth, params byte[][] top)
    {
        var s = new List<byte[]>(top);
        while (s.Count < depth) s.Add(FpValues.RandomExt80(set.Rng));
        return [.. s];
    }

    private static byte[] X(CaseSet set) => FpValues.RandomExt80(set.Rng);

    private static byte[] EdgeOrRandom(CaseSet set) =>
        set.Rng.Next(2) == 0 ? set.Pick(FpValues.Ext80Edges) : FpValues.RandomExt80(set.Rng);

    private static void PokeBytes(CaseSet set, SnippetCase c, int offset, ReadOnlySpan<byte> bytes)
    {
        for (int i = 0; i < bytes.Length; i++) set.Poke(c, offset + i, bytes[i], 1);
    }

    private static void PokeU64(CaseSet set, SnippetCase c, int offset, ulong v)
    {
        set.Poke(c, offset, (uint)v, 4);
        set.Poke(c, offset + 4, (uint)(v >> 32), 4);
    }

    private static readonly ulong[] s_intEdges =
    [
        0, 1, 0xFFFF_FFFF_FFFF_FFFF, 0x7FFF, 0x8000, 0xFFFF_FFFF_FFFF_8000, 0x7FFF_FFFF, 0x8000_0000,
        0xFFFF_FFFF_8000_0000, 0x7FFF_FFFF_FFFF_FFFF, 0x8000_0000_0000_0000, 0x0020_0000_0000_0001, 12345, 0xFFFF_FFFF_FFFF_CFC7,
    ];

    private static ulong RandomInt(CaseSet set, int size)
    {
        if (set.Rng.Next(3) == 0) return set.Pick(s_intEdges);
        ulong v = (ulong)set.Rng.NextInt64();
        return size switch { 2 => (ulong)(long)(short)v, 4 => (ulong)(long)(int)v, _ => v >> set.Rng.Next(64) };
    }

    private static CaseSet LoadStoreCases(int scale)
    {
        var set = new CaseSet("x87-loadstore", 9101, scale) { Fpu = FpuKind.X87 };
        for (int n = 0; n < 12 * scale; n++)
        {
            foreach (var cw in Cws(set))
            {
                // fld m32/m64/m80 (m32/m64 convert: SNaN raises IE, denormal DE), fld st(i), onto a partly filled stack.
                int depth = set.Rng.Next(0, 4);
                uint f = set.Rng.Next(2) == 0 ? set.Pick(FpValues.FloatEdges) : FpValues.RandomFloat(set.Rng);
                var c = Case(set, "fld m32", cw, Stack(set, depth));
                int off = set.Rng.Next(0, 60);
                set.Poke(c, off, f, 4);
                var m = set.MemOperand(c, 4, off);
                c.Emit = a => a.fld(m);
                ulong d = set.Rng.Next(2) == 0 ? set.Pick(FpValues.DoubleEdges) : FpValues.RandomDouble(set.Rng);
                c = Case(set, "fld m64", cw, Stack(set, depth));
                off = set.Rng.Next(0, 56);
                PokeU64(set, c, off, d);
                var m8 = set.MemOperand(c, 8, off);
                c.Emit = a => a.fld(m8);
                c = Case(set, "fld m80", cw, Stack(set, depth));
                off = set.Rng.Next(0, 54);
                PokeBytes(set, c, off, EdgeOrRandom(set));
                var m10 = set.MemOperand(c, 10, off);
                c.Emit = a => a.fld(m10);
                int i = set.Rng.Next(0, 8);
                Case(set, "fld st(i)", cw, Stack(set, set.Rng.Next(0, 8), EdgeOrRandom(set)), a => a.fld(s_st[i]));

                // fild m16/m32/m64: exact except m64 beyond 64 bits of precision control.
                foreach (int size in new[] { 2, 4, 8 })
                {
                    c = Case(set, $"fild m{size * 8}", cw, Stack(set, depth));
                    off = set.Rng.Next(0, 64 - size);
                    ulong v = RandomInt(set, size);
                    if (size == 8) PokeU64(set, c, off, v); else set.Poke(c, off, (uint)v, size);
                    var mi = set.MemOperand(c, size, off);
                    c.Emit = a => a.fild(mi);
                }

                // Stores: fst/fstp m32/m64, fstp m80, fst/fstp st(i); rounding by RC, overflow, underflow, NaN conversion.
                foreach (var (name, size, pop) in new[] { ("fst", 4, false), ("fst", 8, false), ("fstp", 4, true), ("fstp", 8, true), ("fstp", 10, true) })
                {
                    c = Case(set, $"{name} m{size * 8}", cw, Stack(set, 1 + set.Rng.Next(3), EdgeOrRandom(set)));
                    off = set.Rng.Next(0, 64 - size);
                    var ms = set.MemOperand(c, size, off);
                    c.Emit = a => AsmOps.Emit(a, name, ms);
                }
                int j = set.Rng.Next(0, 8);
                Case(set, "fst st(i)", cw, Stack(set, 1 + set.Rng.Next(8), EdgeOrRandom(set)), a => a.fst(s_st[j]));
                Case(set, "fstp st(i)", cw, Stack(set, 1 + set.Rng.Next(8), EdgeOrRandom(set)), a => a.fstp(s_st[j]));

                // Integer stores: fist m16/m32, fistp m16/m32/m64 (rounded by RC), fisttp (truncated); out of range: indefinite + IE.
                foreach (var (name, size) in new[] { ("fist", 2), ("fist", 4), ("fistp", 2), ("fistp", 4), ("fistp", 8), ("fisttp", 2), ("fisttp", 4), ("fisttp", 8) })
                {
                    var v = set.Rng.Next(3) switch
                    {
                        0 => set.Pick(FpValues.Ext80Edges),
                        1 => Ext80.FromDouble((set.Rng.NextDouble() - 0.5) * Math.Pow(2, set.Rng.Next(0, 66))),
                        _ => Ext80.FromDouble(Math.Round((set.Rng.NextDouble() - 0.5) * 20) / 2),
                    };
                    c = Case(set, $"{name} m{size * 8}", cw, Stack(set, 1 + set.Rng.Next(2), v));
                    off = set.Rng.Next(0, 64 - size);
                    var mi = set.MemOperand(c, size, off);
                    c.Emit = a => AsmOps.Emit(a, name, mi);
                }
            }
        }
        // BCD: fbld of valid packed decimals (sign byte 0x00/0x80), fbstp rounded by RC (too large: indefinite + IE).
        for (int n = 0; n < 6 * scale; n++)
        {
            ushort cw = set.Pick(FpValues.ControlWords);
            var c = Case(set, "fbld m80", cw, Stack(set, set.Rng.Next(0, 3)));
            for (int k = 0; k < 9; k++) set.Poke(c, 8 + k, (uint)(set.Rng.Next(10) | set.Rng.Next(10) << 4), 1);
            set.Poke(c, 17, set.Rng.Next(2) == 0 ? 0u : 0x80u, 1);
            var mb = set.MemOperand(c, 10, 8);
            c.Emit = a => a.fbld(mb);
            var v = set.Rng.Next(3) switch
            {
                0 => set.Pick(FpValues.Ext80Edges),
                1 => Ext80.FromDouble((set.Rng.NextDouble() - 0.5) * Math.Pow(10, set.Rng.Next(0, 20))),
                _ => Ext80.FromDouble(Math.Round((set.Rng.NextDouble() - 0.5) * 20) / 2),
            };
            c = Case(set, "fbstp m80", cw, Stack(set, 1 + set.Rng.Next(2), v));
            var ms = set.MemOperand(c, 10, set.Rng.Next(0, 54));
            c.Emit = a => a.fbstp(ms);
        }
        // Stack faults: a load onto a full stack (overflow: IE, SF, C1=1), a store from an empty one (underflow).
        var full = Stack(set, 8);
        Case(set, "fld1 on a full stack", 0x037F, full, a => a.fld1());
        Case(set, "fld st(i) on a full stack", 0x037F, full, a => a.fld(st3));
        // An empty source on a full stack: reported as the underflow (C1 = 0).
        Case(set, "fld st(i) empty on a full stack", 0x037F, full, a => { a.ffree(st2); a.fld(st2); });
        Case(set, "fild on a full stack", 0x037F, full, a => a.fild(__dword_ptr[(long)DiffLayout.Mem]));
        Case(set, "fstp m64 from an empty stack", 0x037F, [], a => a.fstp(__qword_ptr[(long)DiffLayout.Mem + 8]));
        Case(set, "fistp m32 from an empty stack", 0x037F, [], a => a.fistp(__dword_ptr[(long)DiffLayout.Mem + 8]));
        Case(set, "fst st(2) from an empty stack", 0x037F, [], a => a.fst(st2));
        return set;
    }

    private static readonly string[] s_arith = ["fadd", "fsub", "fsubr", "fmul", "fdiv", "fdivr"];

    private static CaseSet ArithmeticCases(int scale)
    {
        var set = new CaseSet("x87-arith", 9102, scale) { Fpu = FpuKind.X87 };
        var edges = FpValues.Ext80Edges;
        for (int n = 0; n < 6 * scale; n++)
        {
            foreach (var op in s_arith)
            {
                foreach (var cw in Cws(set))
                {
                    // Register forms: st(0) op st(i), st(i) op st(0), and the popping form.
                    int i = set.Rng.Next(1, 8);
                    byte[] x = EdgeOrRandom(set), y = set.Rng.Next(4) == 0 ? x : EdgeOrRandom(set);
                    var s = Stack(set, i + 1 + set.Rng.Next(8 - i));
                    s[0] = x;
                    s[i] = y;
                    Case(set, $"{op} st0,st(i)", cw, s, a => AsmOps.Emit(a, op, st0, s_st[i]));
                    Case(set, $"{op} st(i),st0", cw, s, a => AsmOps.Emit(a, op, s_st[i], st0));
                    Case(set, $"{op}p st(i),st0", cw, s, a => AsmOps.Emit(a, op + "p", s_st[i], st0));

                    // Memory forms: m32, m64 and the integer m16, m32.
                    var top = Stack(set, 1 + set.Rng.Next(3), EdgeOrRandom(set));
                    var c = Case(set, $"{op} m32", cw, top);
                    int off = set.Rng.Next(0, 60);
                    set.Poke(c, off, FpValues.RandomFloat(set.Rng), 4);
                    var m4 = set.MemOperand(c, 4, off);
                    c.Emit = a => AsmOps.Emit(a, op, m4);
                    c = Case(set, $"{op} m64", cw, top);
                    off = set.Rng.Next(0, 56);
                    PokeU64(set, c, off, FpValues.RandomDouble(set.Rng));
                    var m8 = set.MemOperand(c, 8, off);
                    c.Emit = a => AsmOps.Emit(a, op, m8);
                    string iop = "fi" + op[1..];
                    foreach (int size in new[] { 2, 4 })
                    {
                        c = Case(set, $"{iop} m{size * 8}", cw, top);
                        off = set.Rng.Next(0, 64 - size);
                        set.Poke(c, off, (uint)RandomInt(set, size), size);
                        var mi = set.MemOperand(c, size, off);
                        c.Emit = a => AsmOps.Emit(a, iop, mi);
                    }
                }
            }
        }
        // Every rounding and precision control on operands that round differently under each.
        foreach (var cw in FpValues.ControlWords)
        {
            Case(set, "fadd 1+2^-63 rounding", cw, [edges[2], Ext80.Make(false, 16383 - 63, 0xC000_0000_0000_0000)], a => a.fadd(st0, st1));
            Case(set, "fdiv 1/3 rounding", cw, [edges[2], edges[4]], a => a.fdiv(st0, st1));
            Case(set, "fmul overflow", cw, [edges[14], edges[4]], a => a.fmul(st0, st1));
            Case(set, "fmul underflow", cw, [edges[17], edges[7]], a => a.fmul(st0, st1));
            Case(set, "fsub to -0/+0", cw, [edges[2], edges[2]], a => a.fsub(st0, st1));
            Case(set, "fdiv by zero", cw, [edges[3], edges[1]], a => a.fdiv(st0, st1));
            Case(set, "fdivr 0/0", cw, [edges[0], edges[1]], a => a.fdivr(st0, st1));
            Case(set, "fadd inf-inf", cw, [edges[20], edges[21]], a => a.fadd(st0, st1));
            Case(set, "fmul 0*inf", cw, [edges[0], edges[21]], a => a.fmul(st0, st1));
            Case(set, "fadd QNaN+SNaN", cw, [edges[22], edges[24]], a => a.fadd(st0, st1));
            Case(set, "fmul denormal", cw, [edges[18], edges[2]], a => a.fmul(st0, st1));
        }
        // Memory operands against a NaN in ST(0): a denormal m32/m64 raises no DE, a signalling NaN
        // keeps its class (the QNaN in ST(0) wins, IE raised); against a number, DE as usual.
        long mem = DiffLayout.Mem;
        foreach (var st in new[] { edges[22], edges[23], edges[24], edges[2] })
        {
            foreach (ulong d in new ulong[] { 1, 0x800F_FFFF_FFFF_FFFF, 0x7FF0_0000_0000_0001, 0xFFF4_0000_0000_0100, 0x7FF8_0000_0000_0003 })
            {
                var c = Case(set, "fadd m64 (NaN/denormal operands)", 0x037F, [st], a => a.fadd(__qword_ptr[mem]));
                PokeU64(set, c, 0, d);
                c = Case(set, "fcom m64 (NaN/denormal operands)", 0x037F, [st], a => a.fcom(__qword_ptr[mem]));
                c.FswMask = 0;
                PokeU64(set, c, 0, d);
            }
            foreach (uint f in new uint[] { 1, 0x807F_FFFF, 0x7F80_0001, 0xFFA0_0000, 0x7FC0_0003 })
            {
                var c = Case(set, "fmul m32 (NaN/denormal operands)", 0x037F, [st], a => a.fmul(__dword_ptr[mem]));
                set.Poke(c, 0, f, 4);
            }
        }
        // Stack underflow: the second operand's register is empty.
        Case(set, "fadd with st(1) empty", 0x037F, [edges[2]], a => a.fadd(st0, st1));
        Case(set, "fmulp with st(1) empty", 0x037F, [edges[2]], a => a.fmulp(st1, st0));
        return set;
    }

    private static CaseSet CompareCases(int scale)
    {
        var set = new CaseSet("x87-compare", 9103, scale) { Fpu = FpuKind.X87 };
        string[] regForms = ["fcom", "fcomp", "fucom", "fucomp"];
        string[] flagForms = ["fcomi", "fcomip", "fucomi", "fucomip"];
        for (int n = 0; n < 16 * scale; n++)
        {
            int i = set.Rng.Next(1, 8);
            byte[] x = EdgeOrRandom(set), y = set.Rng.Next(4) == 0 ? x : EdgeOrRandom(set);
            var s = Stack(set, i + 1 + set.Rng.Next(8 - i));
            s[0] = x;
            s[i] = y;
            ushort cw = set.Pick(FpValues.ControlWords);
            foreach (var op in regForms) Case(set, $"{op} st(i)", cw, s, a => AsmOps.Emit(a, op, st0, s_st[i])).FswMask = 0;
            foreach (var op in flagForms) Case(set, $"{op} st0,st(i)", cw, s, a => AsmOps.Emit(a, op, st0, s_st[i])).FswMask = 0;
            var s2 = Stack(set, 2 + set.Rng.Next(3), x, y);
            Case(set, "fcompp", cw, s2, a => a.fcompp()).FswMask = 0;
            Case(set, "fucompp", cw, s2, a => a.fucompp()).FswMask = 0;
            Case(set, "ftst", cw, s2, a => a.ftst()).FswMask = 0;
            Case(set, "fxam", cw, s2, a => a.fxam()).FswMask = 0;
            foreach (var op in new[] { "fcom", "fcomp" })
            {
                var c = Case(set, $"{op} m32", cw, s2);
                c.FswMask = 0;
                set.Poke(c, 4, FpValues.RandomFloat(set.Rng), 4);
                c.Emit = a => AsmOps.Emit(a, op, __dword_ptr[(long)DiffLayout.Mem + 4]);
                c = Case(set, $"{op} m64", cw, s2);
                c.FswMask = 0;
                PokeU64(set, c, 8, FpValues.RandomDouble(set.Rng));
                c.Emit = a => AsmOps.Emit(a, op, __qword_ptr[(long)DiffLayout.Mem + 8]);
            }
            foreach (var op in new[] { "ficom", "ficomp" })
                foreach (int size in new[] { 2, 4 })
                {
                    var c = Case(set, $"{op} m{size * 8}", cw, s2);
                    c.FswMask = 0;
                    set.Poke(c, 16, (uint)RandomInt(set, size), size);
                    c.Emit = a => AsmOps.Emit(a, op, AsmOps.MemAbs(size, DiffLayout.Mem + 16));
                }
        }
        // fxam of every class, an empty register included; ftst and fcom with an empty stack.
        foreach (var v in FpValues.Ext80Edges) Case(set, "fxam edge", 0x037F, [v], a => a.fxam()).FswMask = 0;
        Case(set, "fxam empty", 0x037F, [], a => a.fxam()).FswMask = 0;
        Case(set, "ftst empty", 0x037F, [], a => a.ftst()).FswMask = 0;
        Case(set, "fcomi empty", 0x037F, [FpValues.Ext80Edges[2]], a => a.fcomi(st0, st1)).FswMask = 0;
        Case(set, "fucompp one value", 0x037F, [FpValues.Ext80Edges[2]], a => a.fucompp()).FswMask = 0;
        return set;
    }

    private static CaseSet UnaryCases(int scale)
    {
        var set = new CaseSet("x87-unary", 9104, scale) { Fpu = FpuKind.X87 };
        for (int n = 0; n < 10 * scale; n++)
        {
            foreach (var cw in Cws(set))
            {
                var s = Stack(set, 1 + set.Rng.Next(4), EdgeOrRandom(set));
                foreach (var op in new[] { "fchs", "fabs", "fsqrt", "frndint", "fxtract" })
                    Case(set, op, cw, s, a => AsmOps.Emit(a, op));
                // fsqrt of a positive value (the random stack is half negative).
                var pos = (byte[])s[0].Clone();
                pos[9] &= 0x7F;
                Case(set, "fsqrt positive", cw, [pos, .. s[1..]], a => a.fsqrt());
                // fscale: st(1) usually a small integer, sometimes any value (truncated toward zero).
                var sc = set.Rng.Next(3) == 0 ? EdgeOrRandom(set) : Ext80.FromDouble(set.Rng.Next(-80, 81) + (set.Rng.Next(2) == 0 ? 0 : 0.5));
                Case(set, "fscale", cw, Stack(set, 2 + set.Rng.Next(3), EdgeOrRandom(set), sc), a => a.fscale());
                // fprem/fprem1: C0, C1, C3 get quotient bits and C2 tells a partial remainder: all compared.
                byte[] num = EdgeOrRandom(set), den = set.Rng.Next(3) == 0 ? EdgeOrRandom(set) : FpValues.RandomExt80(set.Rng);
                // A partial remainder (C2=1) or an invalid operand leaves C0, C1 and C3 undefined.
                ushort premMask = 0x4300;
                if (set.Rng.Next(2) == 0)
                {
                    premMask = 0;
                    // Exponent difference below 64: complete in one step.
                    double dn = (set.Rng.NextDouble() - 0.5) * Math.Pow(2, set.Rng.Next(0, 60)), dd = (set.Rng.NextDouble() - 0.5) * 8;
                    num = Ext80.FromDouble(dn);
                    den = Ext80.FromDouble(dd);
                }
                var ps = Stack(set, 2 + set.Rng.Next(2), num, den);
                Case(set, "fprem", cw, ps, a => a.fprem()).FswMask = premMask;
                Case(set, "fprem1", cw, ps, a => a.fprem1()).FswMask = premMask;
            }
        }
        foreach (var v in FpValues.Ext80Edges)
            foreach (var op in new[] { "fsqrt", "frndint", "fxtract", "fchs", "fabs" })
                Case(set, $"{op} edge", set.Pick(FpValues.ControlWords), Stack(set, 1, v), a => AsmOps.Emit(a, op));
        // frndint of halves under every rounding control.
        foreach (var cw in FpValues.ControlWords)
            foreach (var d in new[] { 2.5, -2.5, 3.5, -0.5, 0.5, 1e15 + 0.5, -1.25 })
                Case(set, "frndint half", cw, [Ext80.FromDouble(d)], a => a.frndint());
        Case(set, "fchs empty", 0x037F, [], a => a.fchs());
        Case(set, "fxtract full", 0x037F, Stack(set, 8), a => a.fxtract());
        // ST(0) empty and ST(7) in use: the underflow is reported and the push still happens.
        foreach (var op in new[] { "fxtract", "fsincos", "fptan" })
            Case(set, $"{op} st0 empty, st7 in use", 0x037F, Stack(set, 8), a => { a.ffree(st0); AsmOps.Emit(a, op); });
        Case(set, "fxtract st0 empty", 0x037F, Stack(set, 3), a => { a.ffree(st0); a.fxtract(); });
        return set;
    }

    private static CaseSet StackCases(int scale)
    {
        var set = new CaseSet("x87-stack", 9105, scale) { Fpu = FpuKind.X87 };
        // Constants: rounded by RC (pi, l2e, ...) but not by PC.
        foreach (var cw in FpValues.ControlWords)
            foreach (var op in new[] { "fld1", "fldz", "fldpi", "fldl2e", "fldl2t", "fldlg2", "fldln2" })
                Case(set, op, cw, Stack(set, set.Rng.Next(0, 3)), a => AsmOps.Emit(a, op));
        string[] fcmov = ["fcmovb", "fcmove", "fcmovbe", "fcmovu", "fcmovnb", "fcmovne", "fcmovnbe", "fcmovnu"];
        for (int n = 0; n < 8 * scale; n++)
        {
            int i = set.Rng.Next(0, 8);
            ushort cw = set.Pick(FpValues.ControlWords);
            var s = Stack(set, set.Rng.Next(1, 9));
            Case(set, "fxch st(i)", cw, s, a => a.fxch(st0, s_st[i]));
            foreach (var op in fcmov) Case(set, $"{op} st0,st(i)", cw, s, a => AsmOps.Emit(a, op, st0, s_st[i]));
            Case(set, "ffree st(i)", cw, s, a => a.ffree(s_st[i]));
            Case(set, "ffreep st(i)", cw, s, a => a.ffreep(s_st[i]));
            Case(set, "fincstp", cw, s, a => a.fincstp());
            Case(set, "fdecstp", cw, s, a => a.fdecstp());
            Case(set, "fincstp; fld1", cw, s, a => { a.fincstp(); a.fld1(); });
            Case(set, "fdecstp; fstp st0", cw, s, a => { a.fdecstp(); a.fstp(st0); });
            Case(set, "fstp st0 x2", cw, s, a => { a.fstp(st0); a.fstp(st0); });
            Case(set, "fnop", cw, s, a => a.fnop());
            Case(set, "fwait (wait)", cw, s, a => a.wait());
        }
        Case(set, "fxch with empty st(1)", 0x037F, [FpValues.Ext80Edges[2]], a => a.fxch(st0, st1));
        Case(set, "fcmovb with empty st(2)", 0x037F, [FpValues.Ext80Edges[2]], a => a.fcmovb(st0, st2)).Flags = UndefinedFlags.CF;
        return set;
    }

    /// <summary>fnstenv/fnsave store FIP, FCS, FOP, FDP and FDS at these offsets of their image: not compared (see <see cref="FxLayout"/>).</summary>
    private static SnippetCase IgnoreEnvPointers(SnippetCase c, int at) => c.IgnoreMemory(at + 12, 16);

    private static CaseSet ControlCases()
    {
        var set = new CaseSet("x87-control", 9106) { Fpu = FpuKind.X87 };
        long mem = DiffLayout.Mem;
        foreach (var cw in FpValues.ControlWords.Concat([(ushort)0x0000, (ushort)0xFFFF, (ushort)0x1F7F]))
        {
            // fldcw of any value (reserved bits read back as the CPU keeps them), then arithmetic under it.
            // Unmasked exceptions stay unraised: 1 + 1 is exact and valid.
            var c = Case(set, "fldcw; fnstcw; fld1; fadd", 0x037F, Stack(set, 1));
            set.Poke(c, 0, cw, 2);
            c.Emit = a =>
            {
                a.fldcw(__word_ptr[mem]);
                a.fnstcw(__word_ptr[mem + 2]);
                a.fld1();
                a.fadd(st0, st0);
                a.fldcw(__word_ptr[mem + 4]);
            };
            set.Poke(c, 4, 0x037F, 2);
        }
        for (int n = 0; n < 8; n++)
        {
            ushort cw = set.Pick(FpValues.ControlWords);
            var s = Stack(set, set.Rng.Next(0, 9), EdgeOrRandom(set), EdgeOrRandom(set));
            Case(set, "fnstsw ax after fcom", cw, s, a => { a.fcom(st0, st1); a.fnstsw(ax); }).FswMask = 0;
            Case(set, "fnstsw m16 after fdiv; fcom", cw, s, a => { a.fdiv(st0, st1); a.fcom(st0, st1); a.fnstsw(__word_ptr[mem + 6]); }).FswMask = 0;
            Case(set, "fnclex after fdiv", cw, s, a => { a.fdiv(st0, st1); a.fnclex(); });
            Case(set, "fninit", cw, s, a => a.fninit());
            // fnstenv stores the environment (full tag word, reserved words) and then masks every exception.
            // An fcom first: the stored status word has C0, C2 and C3 defined.
            IgnoreEnvPointers(Case(set, "fnstenv", cw, s, a => { a.fdiv(st0, st1); a.fcom(st0, st1); a.fnstenv(__[mem]); }), 0).FswMask = 0;
            IgnoreEnvPointers(Case(set, "fnstenv; fninit; fldenv", cw, s, a =>
            {
                a.fsqrt();
                a.fcom(st0, st1);
                a.fnstenv(__[mem]);
                a.fninit();
                a.fldenv(__[mem]);
            }), 0);
            // fldenv of a changed image: another rounding control, TOP and tags.
            IgnoreEnvPointers(Case(set, "fldenv modified", cw, s, a =>
            {
                a.fcom(st0, st1);
                a.fnstenv(__[mem]);
                a.mov(__word_ptr[mem], 0x0B7F);
                a.@xor(__word_ptr[mem + 4], 0x3800);
                a.mov(__word_ptr[mem + 8], 0x5A0F);
                a.fldenv(__[mem]);
                a.fnstenv(__[mem + 32]);
            }), 0).IgnoreMemory(32 + 12, 16);
            // fnsave stores the environment and the eight registers, then does fninit; frstor brings all back.
            IgnoreEnvPointers(Case(set, "fnsave", cw, s, a => { a.fcom(st0, st1); a.fnsave(__[mem]); }), 0).FswMask = 0;
            IgnoreEnvPointers(Case(set, "fnsave; fld1; frstor", cw, s, a =>
            {
                a.fcom(st0, st1);
                a.fnsave(__[mem]);
                a.fld1();
                a.fldpi();
                a.frstor(__[mem]);
            }), 0).FswMask = 0;
        }
        return set;
    }

    private static CaseSet TranscendentalCases(int scale)
    {
        var set = new CaseSet("x87-transcendental", 9107, scale) { Fpu = FpuKind.X87 };
        double Range(double r) => (set.Rng.NextDouble() * 2 - 1) * r;
        for (int n = 0; n < 12 * scale; n++)
        {
            ushort cw = set.Pick(FpValues.ControlWords);
            // Arguments where hardware and a correctly rounded implementation agree within the tolerance:
            // trigonometric ones with |x| < 4 by default (wider in the long run: Intel reduces with a 66-bit pi).
            double trig = Range(scale > 1 ? 1000 : 4);
            foreach (var op in new[] { "fsin", "fcos", "fsincos", "fptan" })
                Tr(set, op, cw, [Ext80.FromDouble(trig)], a => AsmOps.Emit(a, op));
            Tr(set, "f2xm1", cw, [Ext80.FromDouble(Range(1))], a => a.f2xm1());
            Tr(set, "fpatan", cw, [Ext80.FromDouble(Range(100)), Ext80.FromDouble(Range(100))], a => a.fpatan());
            Tr(set, "fyl2x", cw, [Ext80.FromDouble(Math.Abs(Range(1e6))), Ext80.FromDouble(Range(10))], a => a.fyl2x());
            Tr(set, "fyl2xp1", cw, [Ext80.FromDouble(Range(0.29)), Ext80.FromDouble(Range(10))], a => a.fyl2xp1());
        }
        // Special operands: zeros, infinities, NaNs, denormals, |x| >= 2^63 (C2 set, operand unchanged), log of a negative.
        var specials = new[] { 0, 1, 2, 3, 17, 18, 20, 21, 22, 24, 26, 28 }.Select(k => FpValues.Ext80Edges[k]).ToArray();
        foreach (var v in specials)
        {
            // f2xm1 and fyl2xp1 are undefined for finite operands outside -1..1 and |x| < 1 - sqrt(2)/2.
            bool f2xm1Range = !IsFinite(v) || Math.Abs(Approx(v)) <= 1, fyl2xp1Range = !IsFinite(v) || Math.Abs(Approx(v)) < 0.29;
            foreach (var op in new[] { "fsin", "fcos", "fsincos", "fptan", "f2xm1" })
                if (op != "f2xm1" || f2xm1Range) Tr(set, $"{op} special", 0x037F, [v], a => AsmOps.Emit(a, op));
            foreach (var op in new[] { "fpatan", "fyl2x", "fyl2xp1" })
            {
                if (op != "fyl2xp1" || fyl2xp1Range) Tr(set, $"{op} special x", 0x037F, [v, FpValues.Ext80Edges[2]], a => AsmOps.Emit(a, op));
                Tr(set, $"{op} special y", 0x037F, [FpValues.Ext80Edges[4], v], a => AsmOps.Emit(a, op));
            }
        }
        return set;
    }

    private static bool IsFinite(byte[] v) => (BitConverter.ToUInt16(v, 8) & 0x7FFF) != 0x7FFF;

    /// <summary>The value of a finite 80-bit number as a double (magnitudes only matter here).</summary>
    private static double Approx(byte[] v)
    {
        int e = BitConverter.ToUInt16(v, 8) & 0x7FFF;
        return Math.ScaleB(BitConverter.ToUInt64(v, 0), (e == 0 ? 1 : e) - 16383 - 63);
    }

    /// <summary>A transcendental case: results within the ulp tolerance, C1 (round-up) and the undefined C0/C2/C3 not compared
    /// except C2 for the partial-reduction answer of fsin/fcos/fsincos/fptan, which is compared.</summary>
    private static void Tr(CaseSet set, string form, ushort cw, IReadOnlyList<byte[]> stack, Action<Assembler> emit)
    {
        var c = Case(set, form, cw, Stack(set, stack.Count + set.Rng.Next(3), [.. stack]), emit);
        c.StUlps = TranscendentalUlps;
        c.FswMask = form.StartsWith("fsin") || form.StartsWith("fcos") || form.StartsWith("fptan") ? (ushort)(0x4100 | C1) : (ushort)(C023 | C1);
    }
}
