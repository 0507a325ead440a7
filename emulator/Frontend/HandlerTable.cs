using Iced.Intel;

namespace Hdbt.Frontend;

/// <summary>Instruction handlers by Iced mnemonic; each instruction family registers its own.</summary>
public sealed class HandlerTable
{
    // Grown to the highest mnemonic registered (not sized by Enum.GetValues<Mnemonic>(): under NativeAOT that
    // reads the names of all 1,900 mnemonics from metadata, a noticeable part of a short program's start-up).
    private InstructionHandler?[] _byMnemonic = new InstructionHandler?[1024];

    public void Add(Mnemonic mnemonic, InstructionHandler handler)
    {
        if ((int)mnemonic >= _byMnemonic.Length) Array.Resize(ref _byMnemonic, Math.Max((int)mnemonic + 1, _byMnemonic.Length * 2));
        if (_byMnemonic[(int)mnemonic] != null) throw new InvalidOperationException($"two handlers for {mnemonic}");
        _byMnemonic[(int)mnemonic] = handler;
    }

    public void Add(InstructionHandler handler, params Mnemonic[] mnemonics)
    {
        foreach (var m in mnemonics) Add(m, handler);
    }

    public InstructionHandler? Get(Mnemonic mnemonic) => (uint)mnemonic < (uint)_byMnemonic.Length ? _byMnemonic[(int)mnemonic] : null;

    /// <summary>Replaces a registered handler (for mnemonics shared by two families, e.g. string and SSE movsd/cmpsd).</summary>
    public void Replace(Mnemonic mnemonic, InstructionHandler handler)
    {
        if (Get(mnemonic) == null) throw new InvalidOperationException($"no handler to replace for {mnemonic}");
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
