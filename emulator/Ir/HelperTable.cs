namespace Hdbt.Ir;

/// <summary>The one table of IR helpers; every backend implements each entry.</summary>
public static class HelperTable
{
    private const HelperEffects Rw = HelperEffects.ReadsGlobals | HelperEffects.WritesGlobals;

    public static readonly HelperInfo[] All =
    [
        new(HelperId.ComputeEflags, "compute_eflags", 4, HelperEffects.None, "OSZAPC bits from (cc_op, cc_dst, cc_src, cc_src2)"),
        new(HelperId.ComputeCarry, "compute_carry", 4, HelperEffects.None, "CF (0/1) from (cc_op, cc_dst, cc_src, cc_src2)"),
        new(HelperId.DivB, "divb", 1, Rw | HelperEffects.CanFault, "AX / s0 -> AL quotient, AH remainder"),
        new(HelperId.DivW, "divw", 1, Rw | HelperEffects.CanFault, "DX:AX / s0 -> AX, DX"),
        new(HelperId.DivL, "divl", 1, Rw | HelperEffects.CanFault, "EDX:EAX / s0 -> EAX, EDX"),
        new(HelperId.IdivB, "idivb", 1, Rw | HelperEffects.CanFault, "signed AX / s0"),
        new(HelperId.IdivW, "idivw", 1, Rw | HelperEffects.CanFault, "signed DX:AX / s0"),
        new(HelperId.IdivL, "idivl", 1, Rw | HelperEffects.CanFault, "signed EDX:EAX / s0"),
        new(HelperId.RclB, "rclb", 2, Rw, "rotate s0 left through CF by s1; sets flags"),
        new(HelperId.RclW, "rclw", 2, Rw, "rotate s0 left through CF by s1; sets flags"),
        new(HelperId.RclL, "rcll", 2, Rw, "rotate s0 left through CF by s1; sets flags"),
        new(HelperId.RcrB, "rcrb", 2, Rw, "rotate s0 right through CF by s1; sets flags"),
        new(HelperId.RcrW, "rcrw", 2, Rw, "rotate s0 right through CF by s1; sets flags"),
        new(HelperId.RcrL, "rcrl", 2, Rw, "rotate s0 right through CF by s1; sets flags"),
        new(HelperId.Shld16, "shldw", 3, Rw, "s0 shifted left by s2 filling from s1; sets flags"),
        new(HelperId.Shld32, "shldl", 3, Rw, "s0 shifted left by s2 filling from s1; sets flags"),
        new(HelperId.Shrd16, "shrdw", 3, Rw, "s0 shifted right by s2 filling from s1; sets flags"),
        new(HelperId.Shrd32, "shrdl", 3, Rw, "s0 shifted right by s2 filling from s1; sets flags"),
        new(HelperId.Cpuid, "cpuid", 0, Rw, "CPUID leaf EAX, subleaf ECX -> EAX, EBX, ECX, EDX"),
        new(HelperId.Rdtsc, "rdtsc", 0, HelperEffects.WritesGlobals | HelperEffects.SideEffects, "time stamp counter -> EDX:EAX"),
        new(HelperId.LoadSegment, "load_seg", 2, Rw | HelperEffects.CanFault, "load segment register s0 with selector s1"),
        new(HelperId.ReadSegment, "read_seg", 1, HelperEffects.ReadsGlobals, "selector of segment register s0"),
        new(HelperId.Popf, "popf", 1, Rw, "load EFLAGS from s0 (user-mode rules)"),
        // SSE/MMX helpers change XMM, MMX and MXCSR state, which are not IR globals: SideEffects keeps
        // them in order and never removed. s0 is an SseOp packed with SseOpBits.
        new(HelperId.SseReg, "sse_rr", 3, HelperEffects.SideEffects | HelperEffects.CanFault, "SSE/MMX op s0 on registers s1 (dst), s2 (src)"),
        new(HelperId.SseMem, "sse_rm", 4, HelperEffects.SideEffects | HelperEffects.CanFault | HelperEffects.ReadsMemory, "SSE/MMX op s0 on register s1 and s3 bytes at address s2"),
        new(HelperId.SseStore, "sse_st", 3, HelperEffects.SideEffects | HelperEffects.CanFault | HelperEffects.WritesMemory, "SSE/MMX store op s0 of register s1 to address s2"),
        new(HelperId.SseToGpr, "sse_to_gpr", 3, HelperEffects.SideEffects | HelperEffects.CanFault | HelperEffects.ReadsMemory, "SSE/MMX op s0 of register s1 (s2 = 0) or s2 bytes at address s1 -> value"),
        new(HelperId.GprToSse, "gpr_to_sse", 3, HelperEffects.SideEffects | HelperEffects.CanFault, "SSE/MMX op s0 putting value s2 into register s1 (or MXCSR)"),
        new(HelperId.SseComi, "sse_comi", 4, HelperEffects.SideEffects | HelperEffects.CanFault | HelperEffects.ReadsMemory, "(u)comiss/sd s0 of xmm s1 with register s2 (s3 = 0) or s3 bytes at s2 -> ZF PF CF"),
        new(HelperId.Emms, "emms", 0, HelperEffects.SideEffects, "mark every x87 register empty"),
    ];

    static HelperTable()
    {
        for (int i = 0; i < All.Length; i++)
            if ((int)All[i].Id != i) throw new InvalidOperationException($"HelperTable out of order at {All[i].Id}");
    }

    public static HelperInfo Get(HelperId id) => All[(int)id];
}
