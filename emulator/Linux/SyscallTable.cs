namespace Hdbt.Linux;

/// <summary>The implemented syscalls by i386 number. Each group of syscalls registers itself.</summary>
public sealed class SyscallTable
{
    private readonly SyscallDef?[] _defs = new SyscallDef?[512];

    /// <summary>Declares a syscall by its i386 name (the number comes from <see cref="SyscallNames"/>).</summary>
    public void Add(string name, SyscallHandler handler, ArgKind result, params ArgKind[] args)
    {
        int nr = SyscallNames.Number(name);
        if (nr < 0) throw new InvalidOperationException($"unknown i386 syscall {name}");
        if (_defs[nr] != null) throw new InvalidOperationException($"syscall {name} declared twice");
        _defs[nr] = new SyscallDef((uint)nr, name, args, result, handler);
    }

    /// <summary>Shorthand for a syscall returning an int.</summary>
    public void Add(string name, SyscallHandler handler, params ArgKind[] args) => Add(name, handler, ArgKind.Int, args);

    public SyscallDef? Get(uint nr) => nr < _defs.Length ? _defs[nr] : null;

    public IEnumerable<SyscallDef> All => _defs.OfType<SyscallDef>();

    public static SyscallTable CreateDefault()
    {
        var t = new SyscallTable();
        Syscalls.ProcessSyscalls.Register(t);
        Syscalls.MemorySyscalls.Register(t);
        Syscalls.FileSyscalls.Register(t);
        Syscalls.TimeSyscalls.Register(t);
        Syscalls.SignalSyscalls.Register(t);
        return t;
    }
}
