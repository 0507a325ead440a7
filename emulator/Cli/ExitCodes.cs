namespace Hdbt.Cli;

/// <summary>hdbt's own exit statuses (sysexits-style, above what guests commonly use); a guest's status passes through, a guest signal gives 128 + signal.</summary>
public static class ExitCodes
{
    /// <summary>Bad command line.</summary>
    public const int Usage = 64;
    /// <summary>The program file is not a valid i386 ELF executable.</summary>
    public const int BadExecutable = 65;
    /// <summary>The program file does not exist or cannot be read.</summary>
    public const int NoSuchFile = 66;
    /// <summary>A mode or feature that is not built yet (also: dynamically linked programs).</summary>
    public const int Unavailable = 69;
    /// <summary>An internal error in hdbt.</summary>
    public const int Internal = 70;
    /// <summary>The guest reached an instruction hdbt does not implement.</summary>
    public const int UnsupportedInstruction = 76;

    public static readonly (int Code, string Meaning)[] All =
    [
        (Usage, "bad command line"),
        (BadExecutable, "not a valid i386 ELF executable (not ELF, ELF64, wrong machine, truncated)"),
        (NoSuchFile, "program file missing or unreadable"),
        (Unavailable, "mode not built yet, or a dynamically linked program"),
        (Internal, "internal error in hdbt"),
        (UnsupportedInstruction, "the guest reached an instruction hdbt does not implement"),
    ];
}
