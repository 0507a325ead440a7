namespace Hdbt.Linux;

/// <summary>How --strace prints a syscall argument or result.</summary>
public enum ArgKind : byte
{
    /// <summary>Signed decimal.</summary>
    Int,
    /// <summary>Unsigned hexadecimal (flags, addresses).</summary>
    Hex,
    /// <summary>A guest pointer (0x... or NULL).</summary>
    Ptr,
    /// <summary>A NUL-terminated guest string, printed quoted.</summary>
    Str,
    /// <summary>Octal (file modes).</summary>
    Oct,
    /// <summary>A signal number, printed by name.</summary>
    Sig,
    /// <summary>A directory fd of the *at calls: AT_FDCWD or a number.</summary>
    DirFd,
    /// <summary>open(2) flags, printed as O_... names.</summary>
    OFlags,
}
