namespace Hdbt.Ir;

/// <summary>Size and signedness of a guest load or store.</summary>
public enum MemOp : byte
{
    U8, S8, U16, S16, U32,
}
