namespace Hdbt.Ir;

/// <summary>
/// The segment registers, in the x86 encoding's order (the sreg field of mov Sreg, push/pop Sreg),
/// which is also the order of <c>CpuState.Selectors</c> and of the segment-base globals: argument s0
/// of <see cref="HelperId.LoadSegment"/> and <see cref="HelperId.ReadSegment"/>.
/// </summary>
public enum SegmentRegister : uint
{
    Es, Cs, Ss, Ds, Fs, Gs,
}
