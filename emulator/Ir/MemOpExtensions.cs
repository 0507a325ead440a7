namespace Hdbt.Ir;

/// <summary>Helpers for <see cref="MemOp"/>.</summary>
public static class MemOpExtensions
{
    public static int Bytes(this MemOp m) => m switch { MemOp.U8 or MemOp.S8 => 1, MemOp.U16 or MemOp.S16 => 2, _ => 4 };

    public static MemOp Unsigned(int bytes) => bytes switch { 1 => MemOp.U8, 2 => MemOp.U16, _ => MemOp.U32 };

    public static MemOp Signed(int bytes) => bytes switch { 1 => MemOp.S8, 2 => MemOp.S16, _ => MemOp.U32 };

    public static string Name(this MemOp m) => m.ToString().ToLowerInvariant();
}
