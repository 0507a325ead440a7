using Hdbt.Tests.Support;
using Xunit;

namespace Hdbt.Tests.Frontend;

/// <summary>
/// SSE/SSE2 conversions (float, double, int32, MMX pairs; rounded and truncating) under every
/// MXCSR mode, and rcpps/rsqrtps, against the native run (Programs/sse_cvt.c). The approx
/// group's committed output comes from an AMD EPYC host, whose tables hdbt reproduces.
/// </summary>
public sealed class SseConvertTests
{
    [Theory]
    [InlineData("cvt")]
    [InlineData("approx")]
    public void MatchesNative(string group) =>
        CommittedProgram.AssertMatchesNative("Frontend", "sse_cvt", args: [group], expectedFile: $"sse_cvt.{group}.expected");
}
