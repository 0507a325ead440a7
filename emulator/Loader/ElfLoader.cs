using Hdbt.Guest;
using Hdbt.Host;

namespace Hdbt.Loader;

/// <summary>Maps an <see cref="ElfFile"/> into guest memory and builds the initial stack, as Linux's binfmt_elf does.</summary>
public static class ElfLoader
{
    /// <summary>Load address of a static-pie (ET_DYN) program: where Linux puts 32-bit PIEs.</summary>
    public const uint PieBase = 0x5655_5000;

    /// <summary>Top of the initial stack (the stack grows down from here).</summary>
    public const uint StackTop = 0xFFFF_E000;

    /// <summary>Size of the stack mapping (the default 8 MiB RLIMIT_STACK).</summary>
    public const uint StackSize = 8u << 20;

    public static LoadedImage Load(ElfFile elf, GuestMemory memory, IReadOnlyList<string> argv,
        IReadOnlyList<string> envp, string execFn)
    {
        uint bias = elf.Type == ElfFile.EtDyn ? PieBase - MinVAddr(elf) : 0;
        uint highest = 0;
        bool execStack = false;
        var loads = elf.ProgramHeaders.Where(p => p.Type == ElfFile.PtLoad).ToList();

        // Map every page any segment touches read-write, copy file data, then apply each segment's rights
        // (a page shared by two segments gets the union, as the kernel's overlapping mappings would).
        foreach (var ph in loads)
        {
            uint start = GuestMemory.PageFloor(ph.VAddr + bias);
            uint end = (uint)GuestMemory.PageCeil((ulong)ph.VAddr + bias + ph.MemSize);
            if (end > start && !memory.IsMapped(start, end - start)) MapMissing(memory, start, end);
            memory.Poke(ph.VAddr + bias, elf.Data.AsSpan((int)ph.Offset, (int)ph.FileSize));
            highest = Math.Max(highest, ph.VAddr + bias + ph.MemSize);
        }
        var rights = new Dictionary<uint, int>();
        foreach (var ph in loads)
        {
            int prot = ToProt(ph.Flags);
            uint start = GuestMemory.PageFloor(ph.VAddr + bias);
            uint end = (uint)GuestMemory.PageCeil((ulong)ph.VAddr + bias + ph.MemSize);
            for (uint p = start; p < end; p += GuestMemory.PageSize)
                rights[p] = rights.GetValueOrDefault(p) | prot;
        }
        // One mprotect per run of pages with the same rights, not per page (a static program has hundreds).
        var pages = rights.Keys.ToArray();
        Array.Sort(pages);
        for (int i = 0; i < pages.Length;)
        {
            int j = i + 1;
            while (j < pages.Length && pages[j] == pages[j - 1] + GuestMemory.PageSize && rights[pages[j]] == rights[pages[i]]) j++;
            memory.Protect(pages[i], (uint)(j - i) * GuestMemory.PageSize, rights[pages[i]]);
            i = j;
        }
        foreach (var ph in elf.ProgramHeaders)
            if (ph.Type == ElfFile.PtGnuStack) execStack = (ph.Flags & ElfFile.PfX) != 0;

        uint phdrAddr = PhdrAddress(elf, bias);
        uint stackBottom = StackTop - StackSize;
        memory.MapAnonymous(stackBottom, StackSize, HostKernel.ProtRead | HostKernel.ProtWrite | (execStack ? HostKernel.ProtExec : 0));
        uint sp = InitialStack.Build(memory, StackTop, argv, envp, execFn, new InitialStack.AuxValues(
            Phdr: phdrAddr, PhEnt: elf.PhEntSize, PhNum: (uint)elf.ProgramHeaders.Length, Entry: elf.Entry + bias));
        uint brk = (uint)GuestMemory.PageCeil(highest);
        return new LoadedImage(elf.Entry + bias, sp, brk, bias, stackBottom, StackTop, execStack);
    }

    /// <summary>Maps the pages of [start, end) not mapped yet (segments may share a page), one mapping per run of missing pages.</summary>
    private static void MapMissing(GuestMemory memory, uint start, uint end)
    {
        for (uint p = start; p < end;)
        {
            if (memory.IsMapped(p, 1)) { p += GuestMemory.PageSize; continue; }
            uint run = p;
            while (run < end && !memory.IsMapped(run, 1)) run += GuestMemory.PageSize;
            memory.MapAnonymous(p, run - p, HostKernel.ProtRead | HostKernel.ProtWrite);
            p = run;
        }
    }

    private static uint MinVAddr(ElfFile elf) =>
        GuestMemory.PageFloor(elf.ProgramHeaders.Where(p => p.Type == ElfFile.PtLoad).Min(p => p.VAddr));

    private static int ToProt(uint flags) =>
        ((flags & ElfFile.PfR) != 0 ? HostKernel.ProtRead : 0) | ((flags & ElfFile.PfW) != 0 ? HostKernel.ProtWrite : 0) |
        ((flags & ElfFile.PfX) != 0 ? HostKernel.ProtExec : 0);

    /// <summary>Guest address of the program headers: PT_PHDR if present, else inside the segment that holds file offset e_phoff.</summary>
    private static uint PhdrAddress(ElfFile elf, uint bias)
    {
        foreach (var ph in elf.ProgramHeaders)
            if (ph.Type == ElfFile.PtPhdr) return ph.VAddr + bias;
        foreach (var ph in elf.ProgramHeaders)
            if (ph.Type == ElfFile.PtLoad && elf.PhOff >= ph.Offset && elf.PhOff < ph.Offset + ph.FileSize)
                return ph.VAddr + bias + (elf.PhOff - ph.Offset);
        return 0;
    }
}
