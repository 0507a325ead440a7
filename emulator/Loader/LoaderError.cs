namespace Hdbt.Loader;

/// <summary>Classes of load failure (each maps to its own exit status).</summary>
public enum LoaderError
{
    /// <summary>The file does not exist or cannot be read.</summary>
    NotFound,
    /// <summary>The file is not a loadable i386 ELF executable.</summary>
    BadFormat,
    /// <summary>A valid executable that needs something hdbt does not have (dynamic linking).</summary>
    Unsupported,
}
