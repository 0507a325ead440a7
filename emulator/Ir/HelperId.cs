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
    X87Load, X87LoadReg, X87Store, X87StoreReg, X87ArithReg, X87ArithMem, X87Compare, X87Comi,
    X87Exchange, X87Fcmov, X87Free, X87StatusWord, X87Unary, X87Control,
    SseReg, SseMem, SseStore, SseToGpr, GprToSse, SseComi, Emms,
}
