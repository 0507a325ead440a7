using Iced.Intel;

namespace Hdbt.Tcg;

/// <summary>An Iced <see cref="CodeWriter"/> that writes straight into the code buffer.</summary>
public sealed unsafe class NativeCodeWriter : CodeWriter
{
    private byte* _start;
    private byte* _p;
    private byte* _limit;

    public void Reset(byte* start, long capacity)
    {
        _start = _p = start;
        _limit = start + capacity;
    }

    /// <summary>Bytes written since <see cref="Reset"/>.</summary>
    public int Length => (int)(_p - _start);

    /// <summary>Set when a write went past the capacity (the output is then truncated and unusable).</summary>
    public bool Overflowed { get; private set; }

    public void ClearOverflow() => Overflowed = false;

    public override void WriteByte(byte value)
    {
        if (_p >= _limit) { Overflowed = true; return; }
        *_p++ = value;
    }
}
