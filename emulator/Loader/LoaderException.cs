namespace Hdbt.Loader;

/// <summary>The program cannot be loaded; <see cref="Exception.Message"/> says why and what to do, for one stderr line.</summary>
public sealed class LoaderException(string message, LoaderError error) : Exception(message)
{
    public LoaderError Error { get; } = error;
}
