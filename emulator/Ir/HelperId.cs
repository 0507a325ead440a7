namespace Hdbt.Ir;

/// <summary>Helpers callable from IR (<see cref="Opcode.Call"/>). Their table is <see cref="HelperTable"/>.</summary>
public enum HelperId : uint
{
    ComputeEflags,
    ComputeCarry,
    DivB, DivW, DivL, IdivB, IdivW, IdivL,
    RclB, RclW, RclL, RcrB, RcrW, RcrL,
    Shld16, Shld32, Shrd16, Shrd32,
    Cpuid,
    Rdtsc,
    LoadSegment,
    ReadSegment,
    Popf,
    SseReg, SseMem, SseStore, SseToGpr, GprToSse, SseComi, Emms,
}
