using Hdbt.Ir;
using Iced.Intel;

namespace Hdbt.Tcg;

/// <summary>
/// One piece of code to place after a block's main body (slow paths, exits), recorded while the body is
/// emitted and emitted at the end by <see cref="CodeGenerator"/>: plain data rather than a closure, so that
/// generating a block allocates nothing for its slow paths.
/// </summary>
/// <param name="Kind">What to emit.</param>
/// <param name="Label">Where it starts (the body branches there).</param>
/// <param name="Back">Where it goes back to in the body (-1: it leaves the block).</param>
/// <param name="Pc">The guest pc it reports (a fault, an exit) or stands for.</param>
/// <param name="HasPc">Whether <see cref="Pc"/> is set (a code-modified exit after an indirect jump has EIP set already).</param>
/// <param name="Next">The next instruction's pc (a mask check), or the exit payload (a hot exit).</param>
/// <param name="Op">The IR op of a slow helper call.</param>
/// <param name="Value">The value a slow store stores, or where a slow load's result goes.</param>
/// <param name="Address">The host register holding the guest address of a slow load or store.</param>
/// <param name="Mem">The access kind of a slow load or store.</param>
public readonly record struct OutOfLineCode(
    OutOfLineKind Kind, int Label, int Back = -1, uint Pc = 0, bool HasPc = true, uint Next = 0, Op Op = default,
    Loc Value = default, Register Address = Register.None, MemOp Mem = MemOp.U8);
