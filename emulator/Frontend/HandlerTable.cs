using Iced.Intel;

namespace Hdbt.Frontend;

/// <summary>Instruction handlers by Iced mnemonic; each instruction family registers its own.</summary>
public sealed class HandlerTable
{
    private readonly InstructionHandler?[] _byMnemonic = new InstructionHandler?[(int)Enum.GetValues<Mnemonic>().Max() + 1];

    public void Add(Mnemonic mnemonic, InstructionHandler handler)
    {
        if (_byMnemonic[(int)mnemonic] != null) throw new InvalidOperationException($"two handlers for {mnemonic}");
        _byMnemonic[(int)mnemonic] = handler;
    }

    public void Add(InstructionHandler handler, params Mnemonic[] mnemonics)
    {
        foreach (var m in mnemonics) Add(m, handler);
    }

    public InstructionHandler? Get(Mnemonic mnemonic) => _byMnemonic[(int)mnemonic];

    /// <summary>Replaces a registered handler (for mnemonics shared by two families, e.g. string and SSE movsd/cmpsd).</summary>
    public void Replace(Mnemonic mnemonic, InstructionHandler handler)
    {
        if (_byMnemonic[(int)mnemonic] == null) throw new InvalidOperationException($"no handler to replace for {mnemonic}");
        _byMnemonic[(int)mnemonic] = handler;
    }

    /// <summary>The table with every implemented instruction family.</summary>
    public static HandlerTable CreateDefault()
    {
        var t = new HandlerTable();
        Alu.Register(t);
        Mov.Register(t);
        Branch.Register(t);
        Stack.Register(t);
        Shift.Register(t);
        Bit.Register(t);
        MulDiv.Register(t);
        StringOps.Register(t);
        Atomic.Register(t);
        FlagOps.Register(t);
        SystemOps.Register(t);
        X87.Register(t);
        SseMove.Register(t);
        SseInteger.Register(t);
        SseArith.Register(t);
        SseConvert.Register(t);
        return t;
    }
}
