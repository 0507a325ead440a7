using Hdbt.Cli;
using Hdbt.Profiling;
using Hdbt.Engine;
using Hdbt.Tests.Support;

namespace Hdbt.Tests.Cli;

/// <summary>--help, --version and --list-modes come from the declaration tables.</summary>
public sealed class HelpTests
{
    [Fact]
    public void HelpListsEveryOptionModeMaskAndCounter()
    {
        var r = ChildProcess.RunHdbt(["--help"]);
        Assert.Equal(0, r.ExitCode);
        foreach (var o in OptionTable.All) Assert.Contains(o.Names[0], r.StdoutText);
        foreach (var m in ExecutionModeTable.All) Assert.Contains(m.Name, r.StdoutText);
        foreach (var d in DebugMaskTable.All) Assert.Contains(d.Name, r.StdoutText);
        foreach (var c in CounterTable.All) Assert.Contains(c.Key, r.StdoutText);
    }

    /// <summary>The README's option table (by hand, next to the modes) names every option of the table in the code.</summary>
    [Fact]
    public void TheReadmeOptionTableNamesEveryOption()
    {
        string readme = File.ReadAllText(Repo.Path("README.md"));
        int start = readme.IndexOf("| option | meaning | env |", StringComparison.Ordinal);
        Assert.True(start >= 0, "README.md has no option table");
        int end = readme.IndexOf("\n\n", start, StringComparison.Ordinal);
        string table = readme[start..end];
        foreach (var o in OptionTable.All)
            Assert.True(o.Names.Any(n => System.Text.RegularExpressions.Regex.IsMatch(table, $"[`\\[ ]{System.Text.RegularExpressions.Regex.Escape(n)}[`\\] ,]")),
                $"README.md's option table does not list {string.Join(", ", o.Names)}");
        foreach (var o in OptionTable.All.Where(o => o.EnvVar != null))
            Assert.Contains(o.EnvVar!, table);
    }

    [Fact]
    public void ListModesPrintsOnlyBuiltModes()
    {
        var r = ChildProcess.RunHdbt(["--list-modes"]);
        Assert.Equal(0, r.ExitCode);
        var listed = r.StdoutText.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(ExecutionModeTable.All.Where(m => m.Built).Select(m => m.Name), listed);
        Assert.Contains("interp", listed);
    }

    [Fact]
    public void ListModesAllPrintsEveryModeWithItsTraits()
    {
        var r = ChildProcess.RunHdbt(["--list-modes", "--all"]);
        Assert.Equal(0, r.ExitCode);
        var rows = r.StdoutText.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split('\t')).ToArray();
        Assert.Equal(ExecutionModeTable.All.Select(m => m.Name), rows.Select(c => c[0]));
        foreach (var (m, c) in ExecutionModeTable.All.Zip(rows))
        {
            Assert.Equal(4, c.Length);
            Assert.Equal(m.Built ? "built" : "not-built", c[1]);
            Assert.Equal(ExecutionModeTable.FormsTraces(m.Mode) ? "traces" : "blocks", c[2]);
            Assert.Equal(ExecutionModeTable.UsesWorkerThreads(m.Mode) ? "workers" : "-", c[3]);
        }
        Assert.Equal(["interp", "built", "blocks", "-"], rows[0]);
        var hybridm = rows.Single(c => c[0] == "hybridm");
        Assert.Equal(["traces", "workers"], hybridm[2..]);
    }

    [Fact]
    public void VersionNamesTheProgram()
    {
        var r = ChildProcess.RunHdbt(["--version"]);
        Assert.Equal(0, r.ExitCode);
        Assert.StartsWith("hdbt ", r.StdoutText);
    }

    [Fact]
    public void OptionsStopAtTheProgram()
    {
        var o = ArgumentParser.Parse(["--mode", "interp", "-d", "in_asm,op", "prog", "--mode", "-x"], _ => null, out var error);
        Assert.Null(error);
        Assert.NotNull(o);
        Assert.Equal("prog", o.Program);
        Assert.Equal(["--mode", "-x"], o.GuestArgs);
        Assert.Equal(DebugMask.InAsm | DebugMask.Op, o.Debug);
    }

    [Fact]
    public void EnvironmentVariablesSetDefaults()
    {
        var env = new Dictionary<string, string> { ["LLVM_MODE"] = "interp", ["LLVM_DEBUG"] = "op_opt", ["LLVM_PROFILE"] = "basic" };
        var o = ArgumentParser.Parse(["prog"], k => env.GetValueOrDefault(k), out var error);
        Assert.Null(error);
        Assert.Equal(DebugMask.OpOpt, o!.Debug);
        Assert.True(o.ProfileBasic);
    }
}
