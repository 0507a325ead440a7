using Iced.Intel;
using static Iced.Intel.AssemblerRegisters;

namespace Hdbt.Tests.Differential;

/// <summary>
/// Cases that consume the flags of a flag-setting instruction with setcc, jcc and cmovcc, for every
/// condition code whose flags that instruction defines, with the consumer in the same translation
/// block (the frontend may lower the condition from the known lazy-flag kind) or behind a jmp (only
/// the run-time lazy state is known).
/// </summary>
/// <remarks>Setters may use EAX, EBX, ECX and memory; the consumers use EDX, ESI and EDI.</remarks>
public static class ConditionCases
{
    private enum Consumer { Setcc, SetccMem, Jcc, Cmov, Cmov16 }

    /// <summary>Adds <paramref name="count"/> times the set's scale cases cycling through conditions, consumers and placements.</summary>
    /// <param name="form">Description of the setter, e.g. "add r32,r32".</param>
    /// <param name="setter">Emits the flag-setting code.</param>
    /// <param name="init">Sets the setter's inputs in a new case (called once per case, may draw random values).</param>
    /// <param name="undefinedMask">Flags the setter leaves undefined: conditions reading them are skipped, and they are not compared.</param>
    public static void Add(CaseSet set, string form, Action<Assembler> setter, Action<SnippetCase> init, uint undefinedMask, int count = 32)
    {
        var conditions = UndefinedFlags.DefinedConditions(undefinedMask).ToArray();
        var consumers = Enum.GetValues<Consumer>();
        int total = count * set.Scale;
        for (int i = 0; i < total; i++)
        {
            var cc = conditions[i % conditions.Length];
            var consumer = consumers[(i / conditions.Length) % consumers.Length];
            bool split = set.Rng.Next(2) == 0;
            string name = AsmOps.WithCondition(consumer switch
            {
                Consumer.Setcc or Consumer.SetccMem => "set",
                Consumer.Jcc => "j",
                _ => "cmov",
            }, cc);
            var c = set.Add($"{form}; {(split ? "jmp; " : "")}{name}");
            init(c);
            c.FlagMask = undefinedMask;
            int offset = set.Rng.Next(DiffLayout.DataSize);
            c.Emit = a =>
            {
                setter(a);
                if (split)
                {
                    var next = a.CreateLabel();
                    a.jmp(next);
                    a.Label(ref next);
                }
                EmitConsumer(a, consumer, cc, name, offset);
            };
        }
    }

    private static void EmitConsumer(Assembler a, Consumer consumer, ConditionCode cc, string name, int offset)
    {
        switch (consumer)
        {
            case Consumer.Setcc:
                AsmOps.Emit(a, name, dl);
                break;
            case Consumer.SetccMem:
                AsmOps.Emit(a, name, AsmOps.MemAbs(1, DiffLayout.Mem + (uint)offset));
                break;
            case Consumer.Jcc:
                AsmOps.BranchMarker(a, taken => AsmOps.Jcc(a, cc, taken));
                break;
            case Consumer.Cmov:
                AsmOps.Emit(a, name, edx, esi);
                break;
            default:
                AsmOps.Emit(a, name, dx, AsmOps.MemAbs(2, DiffLayout.Mem + (uint)Math.Min(offset, DiffLayout.DataSize - 2)));
                break;
        }
    }
}
