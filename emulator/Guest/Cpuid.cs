namespace Hdbt.Guest;

/// <summary>
/// The CPU hdbt presents: CPUID answers and the matching AT_HWCAP. It advertises exactly what
/// the frontend implements (i686 with the x87 FPU, CMOV (with FCMOV), CMPXCHG8B, TSC, MMX, FXSR, SSE and
/// SSE2), so glibc selects code paths that work.
/// </summary>
public static class Cpuid
{
    public const uint FeatureFpu = 1u << 0, FeatureTsc = 1u << 4, FeatureCx8 = 1u << 8, FeatureCmov = 1u << 15;

    /// <summary>MMX, FXSR, SSE and SSE2 (CPUID.1:EDX bits 23, 24, 25, 26).</summary>
    public const uint FeatureMmx = 1u << 23, FeatureFxsr = 1u << 24, FeatureSse = 1u << 25, FeatureSse2 = 1u << 26;

    /// <summary>CPUID.1:EDX, also given to the guest as AT_HWCAP.</summary>
    public const uint Leaf1Edx = FeatureFpu | FeatureTsc | FeatureCx8 | FeatureCmov | FeatureMmx | FeatureFxsr | FeatureSse | FeatureSse2;

    /// <summary>CPUID.1:ECX: nothing beyond the base set.</summary>
    public const uint Leaf1Ecx = 0;

    /// <summary>Family 6, model 15, stepping 1 (a Core 2-era i686 signature).</summary>
    public const uint Signature = (6u << 8) | (15u << 4) | 1u;

    public static (uint Eax, uint Ebx, uint Ecx, uint Edx) Query(uint leaf, uint subleaf)
    {
        _ = subleaf;
        return leaf switch
        {
            // Max basic leaf 1; vendor "GenuineIntel" in EBX, EDX, ECX.
            0 => (1u, 0x756E6547u, 0x6C65746Eu, 0x49656E69u),
            1 => (Signature, 0u, Leaf1Ecx, Leaf1Edx),
            0x8000_0000 => (0x8000_0000u, 0u, 0u, 0u),
            _ => (0u, 0u, 0u, 0u),
        };
    }
}
