using System.Security.Cryptography;
using System.Text;
using Hdbt.Guest;
using Hdbt.Host;
using Hdbt.Helpers;

namespace Hdbt.Loader;

/// <summary>Builds the process's initial stack: argc, argv, envp, auxv and the strings they point to.</summary>
public static class InitialStack
{
    /// <summary>Auxv values that come from the ELF file.</summary>
    public readonly record struct AuxValues(uint Phdr, uint PhEnt, uint PhNum, uint Entry);

    /// <summary>The AT_PLATFORM string (what a 32-bit process on an x86-64 kernel sees).</summary>
    public const string Platform = "i686";

    public static uint Build(GuestMemory memory, uint top, IReadOnlyList<string> argv, IReadOnlyList<string> envp,
        string execFn, AuxValues aux)
    {
        uint sp = top;
        uint PushBytes(ReadOnlySpan<byte> bytes)
        {
            sp -= (uint)bytes.Length;
            memory.Poke(sp, bytes);
            return sp;
        }
        uint PushString(string s) => PushBytes(Encoding.UTF8.GetBytes(s + "\0"));

        // Strings at the top, as the kernel lays them out: execfn first, then envp and argv strings.
        sp -= 4; // a NUL word at the very top
        uint execFnAddr = PushString(execFn);
        var envAddrs = new uint[envp.Count];
        for (int i = envp.Count - 1; i >= 0; i--) envAddrs[i] = PushString(envp[i]);
        var argAddrs = new uint[argv.Count];
        for (int i = argv.Count - 1; i >= 0; i--) argAddrs[i] = PushString(argv[i]);
        uint platformAddr = PushString(Platform);
        sp &= ~15u;
        uint randomAddr = PushBytes(RandomNumberGenerator.GetBytes(16));

        var auxv = new List<(uint, uint)>
        {
            (AuxvType.Hwcap, Cpuid.Leaf1Edx),
            (AuxvType.Pagesz, GuestMemory.PageSize),
            (AuxvType.Clktck, 100),
            (AuxvType.Phdr, aux.Phdr),
            (AuxvType.Phent, aux.PhEnt),
            (AuxvType.Phnum, aux.PhNum),
            (AuxvType.Base, 0),
            (AuxvType.Flags, 0),
            (AuxvType.Entry, aux.Entry),
            (AuxvType.Uid, (uint)Host.HostIds.Uid),
            (AuxvType.Euid, (uint)Host.HostIds.Euid),
            (AuxvType.Gid, (uint)Host.HostIds.Gid),
            (AuxvType.Egid, (uint)Host.HostIds.Egid),
            (AuxvType.Secure, 0),
            (AuxvType.Random, randomAddr),
            (AuxvType.Hwcap2, 0),
            (AuxvType.Execfn, execFnAddr),
            (AuxvType.Platform, platformAddr),
            (AuxvType.Null, 0),
        };

        int words = 1 + argv.Count + 1 + envp.Count + 1 + auxv.Count * 2;
        sp -= (uint)(words * 4);
        sp &= ~15u;
        uint p = sp;
        void Put(uint v) { memory.Poke32(p, v); p += 4; }
        Put((uint)argv.Count);
        foreach (var a in argAddrs) Put(a);
        Put(0);
        foreach (var e in envAddrs) Put(e);
        Put(0);
        foreach (var (type, value) in auxv) { Put(type); Put(value); }
        return sp;
    }
}
