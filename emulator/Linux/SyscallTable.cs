namespace Hdbt.Linux;

/// <summary>The implemented syscalls by i386 number. Each group of syscalls registers itself.</summary>
public sealed class SyscallTable
{
    private readonly SyscallDef?[] _defs = new SyscallDef?[512];

    /// <summary>Declares a syscall by its i386 name (the number comes from <see cref="SyscallNames"/>), with how --strace prints its result.</summary>
    /// <remarks>
    /// A distinct name rather than an overload of <see cref="Add"/>: with both taking
    /// <c>params ArgKind[]</c>, C# would bind every <c>Add(name, h, kinds...)</c> here and take
    /// the first argument kind for the result.
    /// </remarks>
    public void AddReturning(string name, ArgKind result, SyscallHandler handler, params ArgKind[] args)
    {
        int nr = SyscallNames.Number(name);
        if (nr < 0) throw new InvalidOperationException($"unknown i386 syscall {name}");
        if (_defs[nr] != null) throw new InvalidOperationException($"syscall {name} declared twice");
        _defs[nr] = new SyscallDef((uint)nr, name, args, result, handler);
    }

    /// <summary>Declares a syscall returning an int, with the kinds of its arguments for --strace.</summary>
    public void Add(string name, SyscallHandler handler, params ArgKind[] args) => AddReturning(name, ArgKind.Int, handler, args);

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
