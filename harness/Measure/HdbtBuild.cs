namespace Hdbt.Harness.Measure;

/// <summary>
/// The hdbt a sweep measures: its path, which build it is (<c>nativeaot</c>, the binary users run;
/// <c>readytorun</c>, the fallback where NativeAOT cannot be linked; <c>jit</c>, a plain <c>dotnet build</c>;
/// or <c>unknown</c>, as <c>tools/publish-hdbt.sh --kind</c> tells), and, when it is not the NativeAOT
/// binary, why: the sentence that goes into notes.txt and env.json, since start-up and short runs are
/// slower in the managed builds.
/// </summary>
public sealed record HdbtBuild(string Path, string Kind, string? Fallback)
{
    /// <summary>The kind tools/publish-hdbt.sh makes when it can: the binary users run.</summary>
    public const string NativeAot = "nativeaot";
}
