namespace Hdbt.Llvm;

/// <summary>
/// One compiled module in an <see cref="LlvmJit"/>: the entry address of its looked-up symbol and the resource
/// tracker that owns its code (<see cref="LlvmJit.Remove"/> frees it).
/// </summary>
public sealed class LlvmCode
{
    internal LlvmCode(string symbol, nint entry, LlvmOrcResourceTrackerRef tracker)
    {
        Symbol = symbol;
        Entry = entry;
        Tracker = tracker;
    }

    /// <summary>The symbol looked up (the function the caller enters).</summary>
    public string Symbol { get; }

    /// <summary>Its host address; call it through a <c>delegate* unmanaged</c> of the function's signature.</summary>
    public nint Entry { get; }

    /// <summary>
    /// The code's size in bytes, when known. LLJIT's C API reports no sizes (that would take a memory manager
    /// or object-linking-layer plugin of our own), so it is null for now.
    /// </summary>
    public long? Size { get; init; }

    /// <summary>The tracker the module was added with (null after removal).</summary>
    public LlvmOrcResourceTrackerRef Tracker { get; internal set; }

    /// <summary>Whether <see cref="LlvmJit.Remove"/> freed it.</summary>
    public bool Removed => Tracker.IsNull;
}
