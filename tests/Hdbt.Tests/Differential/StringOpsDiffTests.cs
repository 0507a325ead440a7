using Iced.Intel;
using Xunit;
using static Iced.Intel.AssemblerRegisters;

namespace Hdbt.Tests.Differential;

/// <summary>
/// Differential tests of the StringOps family: movs, stos, lods, cmps, scas in byte, word and dword
/// sizes, without prefix and with rep/repe/repne, in both directions (cld/std), counts 0..n.
/// </summary>
public sealed class StringOpsDiffTests
{
    [Fact]
    public void StringOps() => DiffRunner.Run(StringCases(1), withNoOpt: true);

    [Fact]
    [Trait("Category", "Long")]
    public void StringOpsLong() => DiffRunner.Run(StringCases(CaseSet.LongScale), withNoOpt: true);

    private enum Prefix { None, Rep, Repe, Repne }

    private static CaseSet StringCases(int scale)
    {
        var set = new CaseSet("string-ops", 9001, scale);
        foreach (var op in new[] { "movs", "stos", "lods", "cmps", "scas" })
            foreach (int size in new[] { 1, 2, 4 })
            {
                var prefixes = op is "cmps" or "scas" ? new[] { Prefix.None, Prefix.Repe, Prefix.Repne } : [Prefix.None, Prefix.Rep];
                foreach (var prefix in prefixes)
                    foreach (bool down in new[] { false, true })
                        for (int k = 0; k < 5 * scale; k++)
                            AddCase(set, op, size, prefix, down, k);
            }
        // Memory-to-memory copy of a block and a memset, as libc does them (rep movsd + rep movsb tail).
        for (int k = 0; k < 4 * scale; k++)
        {
            uint n = (uint)set.Rng.Next(0, 30);
            var c = set.Add("memcpy: rep movsd; rep movsb", a =>
            {
                a.mov(edx, ecx);
                a.shr(ecx, 2);
                a.rep.movsd();
                a.mov(ecx, edx);
                a.and(ecx, 3);
                a.rep.movsb();
            });
            c.Set(Register.ECX, n).Set(Register.ESI, DiffLayout.Mem).Set(Register.EDI, DiffLayout.Mem + 32);
            c = set.Add("memset: rep stosd", a => a.rep.stosd());
            c.Set(Register.ECX, n / 4).Set(Register.EDI, DiffLayout.Mem + 4 * (uint)set.Rng.Next(4));
            // Direction set by std/cld inside the code (not by the loaded flags), as memmove does for overlapping copies.
            c = set.Add("std; rep movsb; cld; stosb", a => { a.std(); a.rep.movsb(); a.cld(); a.stosb(); });
            c.Set(Register.ECX, n % 16).Set(Register.ESI, DiffLayout.Mem + 20).Set(Register.EDI, DiffLayout.Mem + 24);
            c = set.Add("cld; lodsd; std; lodsw", a => { a.cld(); a.lodsd(); a.std(); a.lodsw(); });
            c.Set(Register.ESI, DiffLayout.Mem + 4 * (uint)set.Rng.Next(8));
            c.Flags |= UndefinedFlags.DF;
            // strlen-style scan for a zero byte.
            c = set.Add("strlen: repne scasb", a => { a.xor(eax, eax); a.mov(ecx, 0xFFFF_FFFF); a.repne.scasb(); a.not(ecx); a.dec(ecx); });
            c.Set(Register.EDI, DiffLayout.Mem);
            set.Poke(c, set.Rng.Next(DiffLayout.DataSize), 0, 1);
        }
        return set;
    }

    private static void AddCase(CaseSet set, string op, int size, Prefix prefix, bool down, int k)
    {
        // Counts 0..8 elements; without a prefix the instruction runs once whatever ECX holds.
        uint count = (uint)(k % 9);
        int span = (int)Math.Max(count, 1) * size;
        string name = op + (size == 1 ? "b" : size == 2 ? "w" : "d");
        string prefixText = prefix switch { Prefix.Rep => "rep ", Prefix.Repe => "repe ", Prefix.Repne => "repne ", _ => "" };
        var c = set.Add($"{prefixText}{name}{(down ? " (std)" : "")}");
        c.Note = $"ecx={count}";
        if (prefix != Prefix.None || k % 2 == 0) c.Set(Register.ECX, count);
        if (down) c.Flags |= UndefinedFlags.DF;
        // Source in the first half of the data area, destination in the second (movs may also overlap).
        int half = DiffLayout.DataSize / 2;
        int srcStart = down ? set.Rng.Next(span - size, half - size + 1) : set.Rng.Next(0, half - span + 1);
        int dstStart = half + (down ? set.Rng.Next(span - size, half - size + 1) : set.Rng.Next(0, half - span + 1));
        // Overlapping movs: the destination one element ahead of the source in the direction of travel.
        if (op == "movs" && k % 5 == 4) dstStart = srcStart + (down ? -size : size);
        dstStart = Math.Clamp(dstStart, down ? span - size : 0, down ? DiffLayout.DataSize - size : DiffLayout.DataSize - span);
        c.Set(Register.ESI, DiffLayout.Mem + (uint)srcStart).Set(Register.EDI, DiffLayout.Mem + (uint)dstStart);
        uint acc = set.Value(size);
        c.Set(size == 1 ? Register.AL : size == 2 ? Register.AX : Register.EAX, acc);
        // For the comparing forms, make a prefix of equal elements so repe/repne stop in the middle.
        if (op is "cmps" or "scas")
        {
            int equal = set.Rng.Next(0, (int)count + 2);
            int step = down ? -size : size;
            for (int e = 0; e < Math.Max(count, 1); e++)
            {
                uint v = op == "scas" ? acc : set.Value(size);
                bool same = prefix == Prefix.Repne ? e >= equal : e < equal;
                if (op == "cmps")
                {
                    set.Poke(c, srcStart + e * step, v, size);
                    set.Poke(c, dstStart + e * step, same ? v : v ^ 1, size);
                }
                else set.Poke(c, dstStart + e * step, same ? v : v ^ 1, size);
            }
        }
        c.Emit = a =>
        {
            var asm = prefix switch { Prefix.Rep => a.rep, Prefix.Repe => a.repe, Prefix.Repne => a.repne, _ => a };
            AsmOps.Emit(asm, name);
        };
    }
}
