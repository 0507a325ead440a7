using Hdbt.Guest;
using Hdbt.Loader;

namespace Hdbt.Harness.Micro;

/// <summary>A workload's binary loaded into guest memory (not run), for benchmarking the translator on real code.</summary>
internal sealed class GuestImage : IDisposable
{
    public GuestImage(string binary)
    {
        Memory = new GuestMemory();
        var elf = ElfFile.Load(binary);
        Image = ElfLoader.Load(elf, Memory, [binary], [], binary);
    }

    public GuestMemory Memory { get; }
    public LoadedImage Image { get; }

    public void Dispose() => Memory.Dispose();
}
