using System.Reflection;
using Hdbt.Frontend;
using Hdbt.Guest;
using Hdbt.Linux;
using Hdbt.Loader;
using Hdbt.Engine;
using Hdbt.Host;
using Hdbt.Ir;
using Hdbt.Llvm;

namespace Hdbt.Cli;

/// <summary>The <c>hdbt</c> command: parse options, load the program, run it, report how it ended.</summary>
public static class Program
{
    public static int Main(string[] args)
    {
        try
        {
            return Run(args);
        }
        catch (Exception e)
        {
            Console.Error.WriteLine($"hdbt: internal error: {e.GetType().Name}: {e.Message}");
            if (Environment.GetEnvironmentVariable("HDBT_BACKTRACE") == "1") Console.Error.WriteLine(e);
            else Console.Error.WriteLine("hdbt: (set HDBT_BACKTRACE=1 for details, and please report it)");
            return ExitCodes.Internal;
        }
    }

    private static int Run(string[] args)
    {
        var o = ArgumentParser.Parse(args, Environment.GetEnvironmentVariable, out var error);
        if (o == null)
        {
            Console.Error.WriteLine($"hdbt: {error}");
            return ExitCodes.Usage;
        }
        if (o.Help) { Console.Out.Write(HelpText.Build()); return 0; }
        if (o.Version)
        {
            var v = typeof(Program).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "?";
            Console.Out.WriteLine($"hdbt {v} (.NET {Environment.Version})");
            return 0;
        }
        if (o.HostInfo) { Console.Out.Write(HostAbi.Describe() + LlvmLine()); return 0; }
        if (o.ListModes)
        {
            if (o.ListAll) foreach (var m in ExecutionModeTable.All) Console.Out.WriteLine(ExecutionModeTable.TraitsLine(m));
            else foreach (var m in ExecutionModeTable.All.Where(m => m.Built)) Console.Out.WriteLine(m.Name);
            return 0;
        }
        var mode = ExecutionModeTable.Find(o.ModeName);
        if (mode == null)
        {
            Console.Error.WriteLine($"hdbt: unknown mode '{o.ModeName}' (modes: {string.Join(", ", ExecutionModeTable.All.Select(m => m.Name))})");
            return ExitCodes.Usage;
        }
        if (!ExecutionModeTable.Runnable(mode.Value))
        {
            Console.Error.WriteLine($"hdbt: mode {mode.Value.Name} is not built yet (built: {string.Join(", ", ExecutionModeTable.All.Where(m => m.Built).Select(m => m.Name))})");
            return ExitCodes.Unavailable;
        }
        if (o.Program == null)
        {
            Console.Error.WriteLine("hdbt: no program given (usage: hdbt [options] program [args...]; see --help)");
            return ExitCodes.Usage;
        }

        ElfFile elf;
        try
        {
            elf = ElfFile.Load(o.Program);
        }
        catch (LoaderException e)
        {
            Console.Error.WriteLine($"hdbt: {e.Message}");
            return e.Error switch
            {
                LoaderError.NotFound => ExitCodes.NoSuchFile,
                LoaderError.Unsupported => ExitCodes.Unavailable,
                _ => ExitCodes.BadExecutable,
            };
        }

        TextWriter log = Console.Error;
        StreamWriter? logFile = null;
        if (o.LogFile != null)
        {
            try { log = logFile = new StreamWriter(o.LogFile) { AutoFlush = false }; }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                Console.Error.WriteLine($"hdbt: cannot open log file {o.LogFile}: {e.Message}");
                return ExitCodes.Usage;
            }
        }

        var options = new EmulatorOptions
        {
            Mode = mode.Value.Mode,
            Translator = new TranslatorOptions { OneInsnPerBlock = o.OneInsnPerTb, Optimize = !o.NoOptimize, VerifyIr = o.VerifyIr },
            Debug = o.Debug,
            Log = log,
            Strace = o.Strace,
            CodeCacheSize = o.CodeCacheSize,
            Threshold = o.Threshold,
            CountEntries = o.CountEntries,
            FormTraces = o.Traces || ExecutionModeTable.FormsTraces(mode.Value.Mode),
            TraceLength = o.TraceLength,
            TraceThreads = ExecutionModeTable.UsesWorkerThreads(mode.Value.Mode) ? o.LlvmThreads : 0,
            Linking = !o.NoLink,
            HostFaults = !o.CheckedLoads,
            DirectStores = !o.CheckedStores,
            LlvmOpt = o.LlvmOpt,
            LlvmCodeGen = o.LlvmCodeGen,
        };
        var argv = new List<string> { o.Argv0 ?? o.Program };
        argv.AddRange(o.GuestArgs);
        var envp = GuestEnvironment(o);

        using var emulator = new Emulator(options);
        InstallFaultHandler(emulator);
        RunResult result;
        try
        {
            result = emulator.Run(elf, o.Program, argv, envp);
        }
        catch (LlvmUnavailableException e)
        {
            log.Flush();
            Console.Error.WriteLine($"hdbt: mode {mode.Value.Name} needs libLLVM: {e.Message}");
            return ExitCodes.Unavailable;
        }
        catch (UnsupportedInstructionError e)
        {
            log.Flush();
            Console.Error.WriteLine($"hdbt: {e.Message}");
            return ExitCodes.UnsupportedInstruction;
        }
        catch (IrVerificationException e)
        {
            // A translator bug, reported in one line: the message names the block, the op and the rule.
            log.Flush();
            Console.Error.WriteLine($"hdbt: internal error: {e.Message}");
            return ExitCodes.Internal;
        }
        finally
        {
            if (o.ProfileBasic) log.Write(emulator.Statistics.FormatReport());
            if (o.StatsJson != null) WriteStats(emulator, o);
            log.Flush();
            logFile?.Dispose();
        }

        if (result.Signal != 0)
        {
            string where = result.Pc is { } pc ? $" at pc 0x{pc:x8}" : "";
            string addr = result.FaultAddress is { } fa ? $", fault address 0x{fa:x8}" : "";
            string detail = result.Detail != null && result.Signal != Signals.SIGSEGV ? $" ({result.Detail})" : "";
            Console.Error.WriteLine($"hdbt: guest killed by {Signals.Name(result.Signal)}{where}{addr}{detail}");
        }
        return result.ProcessExitCode;
    }

    /// <summary>
    /// The --host-info line for LLVM: which libLLVM the llvm modes would use, or why there is none (what to
    /// install). Loading it is the test: the library is found, bound and its x86 target initialised.
    /// </summary>
    private static string LlvmLine() =>
        LlvmLibrary.TryShared(out var reason) is { } lib ? $"llvm: yes ({lib.Describe()})\n" : $"llvm: no ({reason})\n";

    /// <summary>
    /// Installs the host fault handler for the whole run, in every mode: a host SIGSEGV, SIGBUS, SIGILL or
    /// SIGFPE that is not a guest fault in generated code nor a managed exception is an hdbt bug, reported
    /// in one line with status 70 (see <see cref="HostFaultHandler"/>) instead of a bare signal. Then the
    /// test hook <see cref="InternalFaultProbe"/> faults on purpose if its variable asks so.
    /// </summary>
    private static unsafe void InstallFaultHandler(Emulator emulator)
    {
        byte* guest = emulator.Memory.Base;
        HostFaultHandler.Install().SetGuestRange((nint)guest, (nint)(guest + GuestMemory.ReservationSize));
        InternalFaultProbe.ProvokeIfAsked(guest);
    }

    private static void WriteStats(Emulator emulator, CliOptions o)
    {
        try
        {
            emulator.Statistics.WriteJson(o.StatsJson!, new Dictionary<string, string>
            {
                ["program"] = o.Program ?? "",
                ["mode"] = o.ModeName,
            });
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"hdbt: cannot write {o.StatsJson}: {e.Message}");
        }
    }

    /// <summary>The guest's environment: hdbt's own, with -E and -U applied, in a stable order.</summary>
    private static List<string> GuestEnvironment(CliOptions o)
    {
        // /proc/self/environ keeps the order the environment was given in, as a native run would see it.
        List<string> env;
        try
        {
            env = File.ReadAllText("/proc/self/environ").Split('\0', StringSplitOptions.RemoveEmptyEntries).ToList();
        }
        catch (IOException)
        {
            env = [];
            foreach (System.Collections.DictionaryEntry e in Environment.GetEnvironmentVariables()) env.Add($"{e.Key}={e.Value}");
        }
        foreach (var u in o.UnsetEnv) env.RemoveAll(e => e.StartsWith(u + "=", StringComparison.Ordinal));
        foreach (var s in o.SetEnv)
        {
            int eq = s.IndexOf('=');
            string name = eq < 0 ? s : s[..eq];
            env.RemoveAll(e => e.StartsWith(name + "=", StringComparison.Ordinal));
            env.Add(eq < 0 ? s + "=" : s);
        }
        return env;
    }
}
