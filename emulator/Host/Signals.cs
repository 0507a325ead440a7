namespace Hdbt.Host;

/// <summary>Linux signal numbers (the same on i386 and x86-64) and their names.</summary>
public static class Signals
{
    public const int SIGHUP = 1, SIGINT = 2, SIGQUIT = 3, SIGILL = 4, SIGTRAP = 5, SIGABRT = 6, SIGBUS = 7,
        SIGFPE = 8, SIGKILL = 9, SIGUSR1 = 10, SIGSEGV = 11, SIGUSR2 = 12, SIGPIPE = 13, SIGALRM = 14, SIGTERM = 15,
        SIGSTKFLT = 16, SIGCHLD = 17, SIGCONT = 18, SIGSTOP = 19, SIGTSTP = 20, SIGTTIN = 21, SIGTTOU = 22,
        SIGURG = 23, SIGXCPU = 24, SIGXFSZ = 25, SIGVTALRM = 26, SIGPROF = 27, SIGWINCH = 28, SIGIO = 29,
        SIGPWR = 30, SIGSYS = 31;

    private static readonly string[] s_names =
    [
        "0", "SIGHUP", "SIGINT", "SIGQUIT", "SIGILL", "SIGTRAP", "SIGABRT", "SIGBUS", "SIGFPE", "SIGKILL",
        "SIGUSR1", "SIGSEGV", "SIGUSR2", "SIGPIPE", "SIGALRM", "SIGTERM", "SIGSTKFLT", "SIGCHLD", "SIGCONT",
        "SIGSTOP", "SIGTSTP", "SIGTTIN", "SIGTTOU", "SIGURG", "SIGXCPU", "SIGXFSZ", "SIGVTALRM", "SIGPROF",
        "SIGWINCH", "SIGIO", "SIGPWR", "SIGSYS",
    ];

    /// <summary>The signal's name, e.g. "SIGSEGV"; real-time signals as "SIGRTMIN+n".</summary>
    public static string Name(int signal) =>
        signal > 0 && signal < s_names.Length ? s_names[signal] : signal >= 32 ? $"SIGRTMIN+{signal - 32}" : $"signal {signal}";

    /// <summary>Whether the default action of the signal is to ignore it (rather than terminate or stop).</summary>
    public static bool DefaultIgnores(int signal) =>
        signal is SIGCHLD or SIGCONT or SIGURG or SIGWINCH;
}
