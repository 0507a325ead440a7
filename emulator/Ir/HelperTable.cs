namespace Hdbt.Ir;

/// <summary>The one table of IR helpers; every backend implements each entry.</summary>
public static class HelperTable
{
    private const HelperEffects Rw = HelperEffects.ReadsGlobals | HelperEffects.WritesGlobals;

    // x87 helpers change x87 state in CpuState that no IR global models, so they are never removed
    // (SideEffects); they may fault (SIGFPE for a pending unmasked exception, SIGSEGV on memory).
    private const HelperEffects X87 = HelperEffects.SideEffects | HelperEffects.CanFault;

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
        new(HelperId.X87Load, "x87_load", 2, X87 | HelperEffects.ReadsMemory, "push m[s1] of format s0 (fld/fild/fbld)"),
        new(HelperId.X87LoadReg, "x87_load_reg", 1, X87, "push st(s0)"),
        new(HelperId.X87Store, "x87_store", 3, X87 | HelperEffects.WritesMemory, "store st0 to m[s1] in format s0, pop if s2"),
        new(HelperId.X87StoreReg, "x87_store_reg", 2, X87, "st(s0) = st0, pop if s1"),
        new(HelperId.X87ArithReg, "x87_arith_reg", 4, X87, "st(s1) = st(s1) op(s0) st(s2), pop if s3"),
        new(HelperId.X87ArithMem, "x87_arith_mem", 3, X87 | HelperEffects.ReadsMemory, "st0 = st0 op(s0) m[s2] of format s1"),
        new(HelperId.X87Compare, "x87_compare", 3, X87 | HelperEffects.ReadsMemory, "fcom family: mode s0, memory format s1 at s2"),
        new(HelperId.X87Comi, "x87_comi", 1, X87, "fcomi family: mode s0 -> ZF/PF/CF"),
        new(HelperId.X87Exchange, "x87_fxch", 1, X87, "exchange st0 and st(s0)"),
        new(HelperId.X87Fcmov, "x87_fcmov", 2, X87, "st0 = st(s1) if s0"),
        new(HelperId.X87Free, "x87_ffree", 2, X87, "tag st(s0) empty, pop if s1"),
        new(HelperId.X87StatusWord, "x87_fnstsw", 0, X87, "-> x87 status word"),
        new(HelperId.X87Unary, "x87_unary", 1, X87, "operandless x87 instruction s0"),
        new(HelperId.X87Control, "x87_control", 2, X87 | HelperEffects.ReadsMemory | HelperEffects.WritesMemory, "x87/SSE state op s0 at m[s1]"),
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
