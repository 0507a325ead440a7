namespace Hdbt.Tests.Differential;

/// <summary>
/// The initial memory and FP-state images of a batch of cases, deduplicated (most cases share the
/// batch's default memory), as the data segment of a test program holds them at
/// <see cref="DiffLayout.ImagesBase"/>; the output records follow them.
/// </summary>
public sealed class CaseImages
{
    private readonly List<byte[]> _images = [];

    public CaseImages(IReadOnlyList<SnippetCase> cases, byte[] defaultMemory, FpuKind fpu)
    {
        if (defaultMemory.Length != DiffLayout.MemSize) throw new ArgumentException("wrong memory image size", nameof(defaultMemory));
        var index = new Dictionary<string, int>();
        int ImageOf(byte[] m)
        {
            if (m.Length != DiffLayout.MemSize) throw new ArgumentException("wrong memory image size");
            string key = Convert.ToHexString(m);
            if (!index.TryGetValue(key, out int i)) { i = _images.Count; _images.Add(m); index[key] = i; }
            return i;
        }
        Memory = cases.Select(c => DiffLayout.ImagesBase + (uint)(ImageOf(c.Memory ?? defaultMemory) * DiffLayout.MemSize)).ToArray();
        // FP images (FpuInit.ImageSize = MemSize bytes each) go into the same deduplicated list.
        Fpu = fpu == FpuKind.None ? null
            : cases.Select(c => DiffLayout.ImagesBase + (uint)(ImageOf((c.Fpu ?? new FpuInit()).ToImage()) * DiffLayout.MemSize)).ToArray();
        RecordSize = DiffLayout.RecordSize + (fpu == FpuKind.None ? 0 : FxLayout.Size);
        Records = DiffLayout.ImagesBase + (uint)(_images.Count * DiffLayout.MemSize);
    }

    /// <summary>Address of each case's initial memory image.</summary>
    public uint[] Memory { get; }

    /// <summary>Address of each case's FP image, or null for integer batches.</summary>
    public uint[]? Fpu { get; }

    /// <summary>Bytes per output record.</summary>
    public int RecordSize { get; }

    /// <summary>Address of the first output record (after the images).</summary>
    public uint Records { get; }

    /// <summary>Address of case <paramref name="i"/>'s output record.</summary>
    public uint Record(int i) => Records + (uint)(i * RecordSize);

    /// <summary>The initialised part of the data segment (from <see cref="DiffLayout.DataBase"/> to the end of the images).</summary>
    public byte[] Data()
    {
        int imagesOffset = (int)(DiffLayout.ImagesBase - DiffLayout.DataBase);
        var data = new byte[imagesOffset + _images.Count * DiffLayout.MemSize];
        for (int i = 0; i < _images.Count; i++) _images[i].CopyTo(data, imagesOffset + i * DiffLayout.MemSize);
        return data;
    }
}
