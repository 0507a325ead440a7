using Hdbt.Cli;

namespace Hdbt.Tests.Cli;

/// <summary>--verify-ir and HDBT_VERIFY_IR: off by default, on by the flag or the variable set to 1, off again by 0.</summary>
public sealed class VerifyIrOptionTests
{
    private static CliOptions? Parse(string[] args, string? env, out string? error) =>
        ArgumentParser.Parse(args, name => name == "HDBT_VERIFY_IR" ? env : null, out error);

    [Fact]
    public void OffByDefault() => Assert.False(Parse(["prog"], null, out _)!.VerifyIr);

    [Fact]
    public void TheFlagTurnsItOn() => Assert.True(Parse(["--verify-ir", "prog"], null, out _)!.VerifyIr);

    [Theory]
    [InlineData("1", true)]
    [InlineData("0", false)]
    public void TheVariableTurnsItOnOrOff(string value, bool on) => Assert.Equal(on, Parse(["prog"], value, out _)!.VerifyIr);

    [Fact]
    public void TheFlagWinsOverTheVariable() => Assert.True(Parse(["--verify-ir", "prog"], "0", out _)!.VerifyIr);

    [Fact]
    public void OtherValuesAreABadCommandLine()
    {
        Assert.Null(Parse(["prog"], "yes", out var error));
        Assert.Equal("HDBT_VERIFY_IR: bad value 'yes' (1 or 0)", error);
    }
}
