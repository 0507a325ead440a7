using Xunit;
using static Iced.Intel.AssemblerRegisters;

namespace Hdbt.Tests.Differential;

/// <summary>
/// Differential tests of the SystemOps family: the no-operation forms (multi-byte nops, pause, fences,
/// prefetches, endbr32) and the instructions that kill a user process with a signal. cpuid and rdtsc
/// are not comparable (hdbt reports its own CPU; time differs) and are not tested.
/// </summary>
public sealed class SystemOpsDiffTests
{
    [Fact]
    public void NopForms()
    {
        var set = new CaseSet("system-nops", 12001);
        uint m = DiffLayout.Mem + 8;
        byte[] disp = [(byte)m, (byte)(m >> 8), (byte)(m >> 16), (byte)(m >> 24)];
        (string Name, byte[] Bytes)[] forms =
        [
            ("nop", [0x90]),
            ("xchg ax,ax (66 90)", [0x66, 0x90]),
            ("pause", [0xF3, 0x90]),
            ("nop r/m32 (0f 1f /0)", [0x0F, 0x1F, 0x00]),
            ("nop [eax+0]", [0x0F, 0x1F, 0x40, 0x00]),
            ("nop [eax+eax+0]", [0x0F, 0x1F, 0x44, 0x00, 0x00]),
            ("nop word [eax+eax+0]", [0x66, 0x0F, 0x1F, 0x44, 0x00, 0x00]),
            ("nop [eax+disp32]", [0x0F, 0x1F, 0x80, 0x00, 0x00, 0x00, 0x00]),
            ("nop word cs:[eax+eax+disp32]", [0x66, 0x2E, 0x0F, 0x1F, 0x84, 0x00, 0x00, 0x00, 0x00, 0x00]),
            ("endbr32", [0xF3, 0x0F, 0x1E, 0xFB]),
            ("lfence", [0x0F, 0xAE, 0xE8]),
            ("mfence", [0x0F, 0xAE, 0xF0]),
            ("sfence", [0x0F, 0xAE, 0xF8]),
            ("prefetchnta [disp32]", [0x0F, 0x18, 0x05, .. disp]),
            ("prefetcht0 [disp32]", [0x0F, 0x18, 0x0D, .. disp]),
            ("prefetcht1 [disp32]", [0x0F, 0x18, 0x15, .. disp]),
            ("prefetcht2 [disp32]", [0x0F, 0x18, 0x1D, .. disp]),
        ];
        foreach (var (name, bytes) in forms)
            for (int k = 0; k < 4; k++)
                set.Add(name, a => a.db(bytes));
        // A nop between a flag setter and its consumer must not disturb the lazy flags.
        for (int k = 0; k < 16; k++)
            set.Add("sub; nop; setb/setl", a => { a.sub(eax, ebx); a.db(0x0F, 0x1F, 0x44, 0x00, 0x00); a.setb(dl); a.setl(dh); })
                .Set(Iced.Intel.Register.EAX, set.Value(4)).Set(Iced.Intel.Register.EBX, set.Value(4));
        DiffRunner.Run(set, withNoOpt: true);
    }

    /// <summary>Privileged instructions and software interrupts other than int 0x80 raise #GP: SIGSEGV (status 139).</summary>
    [Fact]
    public void PrivilegedInstructionsRaiseSigsegv()
    {
        var set = new CaseSet("system-sigsegv", 12002);
        set.Add("hlt", a => a.hlt());
        set.Add("cli", a => a.cli());
        set.Add("sti", a => a.sti());
        set.Add("in al,dx", a => a.db(0xEC));
        set.Add("out dx,al", a => a.db(0xEE));
        set.Add("int 0x81", a => a.db(0xCD, 0x81));
        set.Add("mov eax,cr0", a => a.db(0x0F, 0x20, 0xC0));
        // into with OF set raises #OF, which Linux also reports as SIGSEGV.
        set.Add("into (OF=1)", a => a.db(0xCE)).Flags = UndefinedFlags.OF;
        DiffRunner.RunEachAlone(set, 128 + 11);
    }

    [Fact]
    public void Ud2RaisesSigill()
    {
        var set = new CaseSet("system-sigill", 12003);
        set.Add("ud2", a => a.ud2());
        set.Add("nop; ud2", a => { a.nop(); a.ud2(); });
        DiffRunner.RunEachAlone(set, 128 + 4);
    }

    [Fact]
    public void Int3RaisesSigtrap()
    {
        var set = new CaseSet("system-sigtrap", 12004);
        set.Add("int3", a => a.int3());
        // into with OF clear does nothing; the int3 after it traps.
        set.Add("into (OF=0); int3", a => { a.db(0xCE); a.int3(); });
        DiffRunner.RunEachAlone(set, 128 + 5);
    }
}
