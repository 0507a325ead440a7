using Iced.Intel;
using Xunit;
using static Iced.Intel.AssemblerRegisters;

namespace Hdbt.Tests.Differential;

/// <summary>Differential tests of the FlagOps family: clc, stc, cmc, cld, std, lahf, sahf, on every kind of lazy flag state.</summary>
public sealed class FlagOpsDiffTests
{
    [Fact]
    public void FlagOps() => DiffRunner.Run(FlagOpCases(1), withNoOpt: true);

    [Fact]
    [Trait("Category", "Long")]
    public void FlagOpsLong() => DiffRunner.Run(FlagOpCases(CaseSet.LongScale), withNoOpt: true);

    /// <summary>Code that leaves the flags in a particular lazy state (from EAX, EBX), with its undefined flags.</summary>
    private static readonly (string Name, Action<Assembler> Emit, uint Undefined)[] s_setters =
    [
        ("popfd", _ => { }, 0),
        ("add", a => a.add(eax, ebx), 0),
        ("adc", a => a.adc(al, bl), 0),
        ("sub", a => a.sub(ax, bx), 0),
        ("sbb", a => a.sbb(eax, ebx), 0),
        ("cmp", a => a.cmp(ah, bh), 0),
        ("and", a => a.and(eax, ebx), UndefinedFlags.AF),
        ("or", a => a.or(ax, bx), UndefinedFlags.AF),
        ("inc", a => a.inc(eax), 0),
        ("dec", a => a.dec(bl), 0),
        ("neg", a => a.neg(eax), 0),
        ("sub; jmp", a => { var l = a.CreateLabel(); a.sub(eax, ebx); a.jmp(l); a.Label(ref l); }, 0),
    ];

    /// <summary>Flag instructions under test, applied after a setter.</summary>
    private static readonly (string Name, Action<Assembler> Emit)[] s_ops =
    [
        ("clc", a => a.clc()),
        ("stc", a => a.stc()),
        ("cmc", a => a.cmc()),
        ("cmc; cmc", a => { a.cmc(); a.cmc(); }),
        ("stc; cmc", a => { a.stc(); a.cmc(); }),
        ("lahf", a => a.lahf()),
        ("sahf", a => a.sahf()),
        ("lahf; sahf", a => { a.lahf(); a.sahf(); }),
        ("std", a => a.std()),
        ("cld", a => a.cld()),
        ("std; cld", a => { a.std(); a.cld(); }),
    ];

    /// <summary>Ways to observe the flags afterwards (besides the recorded EFLAGS).</summary>
    private static readonly (string Name, Action<Assembler> Emit)[] s_readers =
    [
        ("", _ => { }),
        ("adc", a => a.adc(esi, edi)),
        ("sbb", a => a.sbb(esi, edi)),
        ("setb/setbe/setl/setp", a => { a.setb(dl); a.setbe(dh); a.setl(cl); a.setp(ch); }),
        ("pushfd", a => a.pushfd()),
        ("jmp; setb/setg", a => { var l = a.CreateLabel(); a.jmp(l); a.Label(ref l); a.setb(dl); a.setg(dh); }),
    ];

    private static CaseSet FlagOpCases(int scale)
    {
        var set = new CaseSet("flagops", 5001, scale);
        foreach (var (sname, setter, undefined) in s_setters)
            foreach (var (oname, op) in s_ops)
                for (int k = 0; k < 2 * scale; k++)
                {
                    var (rname, reader) = set.Pick(s_readers);
                    var c = set.Add($"{sname}; {oname}{(rname.Length > 0 ? "; " + rname : "")}", a => { setter(a); op(a); reader(a); });
                    c.Set(Register.EAX, set.Value(4)).Set(Register.EBX, set.Rng.Next(4) == 0 ? c.Regs[0] : set.Value(4));
                    // sahf loads SF ZF AF PF CF from AH; lahf stores them there.
                    if (oname.StartsWith("sahf", StringComparison.Ordinal)) c.Set(Register.AH, set.Value(1));
                    if (set.Rng.Next(4) == 0) c.Flags |= UndefinedFlags.DF;
                    // An undefined flag of the setter stays undefined unless the op overwrites it: sahf and lahf; sahf
                    // reload AF from AH. A reader that depends on it is skipped by construction (none reads AF).
                    c.FlagMask = oname.Contains("sahf", StringComparison.Ordinal) && !oname.StartsWith("lahf", StringComparison.Ordinal)
                        ? 0 : undefined;
                    if (oname.StartsWith("lahf", StringComparison.Ordinal) && (undefined & UndefinedFlags.AF) != 0)
                        c.Undefined(Register.AH, UndefinedFlags.AF);
                }
        return set;
    }
}
