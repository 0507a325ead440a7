using System.Numerics;
using Hdbt.Guest;
using Hdbt.Ir;
using Hdbt.Runtime;

namespace Hdbt.Interp;

/// <summary>
/// Executes prepared IR blocks: the reference oracle every other backend is checked against.
/// Guest memory accesses go through <see cref="GuestMemory"/>'s checked accessors.
/// </summary>
public sealed unsafe class Interpreter(CpuState* cpu, GuestMemory memory)
{
    /// <summary>Guest pc of the instruction being interpreted (from the last insn_start), for fault reports.</summary>
    public uint CurrentPc { get; private set; }

    /// <summary>Set (by the code-write handler) when the running block's code was overwritten.</summary>
    public bool CodeModified;

    /// <summary>Runs one block until it exits. Guest faults propagate as <see cref="GuestFaultException"/> with the pc filled in.</summary>
    public ExitReason Run(InterpBlock block)
    {
        try
        {
            return RunCore(block);
        }
        catch (GuestFaultException e)
        {
            e.Pc ??= CurrentPc;
            cpu->Eip = e.Pc.Value;
            throw;
        }
    }

    private ExitReason RunCore(InterpBlock block)
    {
        InterpOp* ops = block.Ops;
        int n = block.OpCount;
        for (int i = 0; i < n; i++)
        {
            InterpOp* op = ops + i;
            switch (op->Code)
            {
                case Opcode.Nop:
                case Opcode.Label:
                    break;
                case Opcode.InsnStart:
                    CurrentPc = op->Imm;
                    if (CodeModified && !block.Valid)
                    {
                        // A store in this block rewrote code: resume at this instruction with fresh translation.
                        CodeModified = false;
                        cpu->Eip = op->Imm;
                        return ExitReason.Indirect;
                    }
                    break;
                case Opcode.Mov: *op->D0 = *op->S0; break;
                case Opcode.Add: *op->D0 = *op->S0 + *op->S1; break;
                case Opcode.Sub: *op->D0 = *op->S0 - *op->S1; break;
                case Opcode.Mul: *op->D0 = *op->S0 * *op->S1; break;
                case Opcode.And: *op->D0 = *op->S0 & *op->S1; break;
                case Opcode.Or: *op->D0 = *op->S0 | *op->S1; break;
                case Opcode.Xor: *op->D0 = *op->S0 ^ *op->S1; break;
                case Opcode.Shl: *op->D0 = *op->S0 << (int)(*op->S1 & 31); break;
                case Opcode.Shr: *op->D0 = *op->S0 >> (int)(*op->S1 & 31); break;
                case Opcode.Sar: *op->D0 = (uint)((int)*op->S0 >> (int)(*op->S1 & 31)); break;
                case Opcode.Rotl: *op->D0 = BitOperations.RotateLeft(*op->S0, (int)(*op->S1 & 31)); break;
                case Opcode.Rotr: *op->D0 = BitOperations.RotateRight(*op->S0, (int)(*op->S1 & 31)); break;
                case Opcode.Neg: *op->D0 = 0 - *op->S0; break;
                case Opcode.Not: *op->D0 = ~*op->S0; break;
                case Opcode.Ext8S: *op->D0 = (uint)(sbyte)*op->S0; break;
                case Opcode.Ext8U: *op->D0 = (byte)*op->S0; break;
                case Opcode.Ext16S: *op->D0 = (uint)(short)*op->S0; break;
                case Opcode.Ext16U: *op->D0 = (ushort)*op->S0; break;
                case Opcode.Bswap: *op->D0 = System.Buffers.Binary.BinaryPrimitives.ReverseEndianness(*op->S0); break;
                case Opcode.Clz: *op->D0 = (uint)BitOperations.LeadingZeroCount(*op->S0); break;
                case Opcode.Ctz: *op->D0 = *op->S0 == 0 ? 32u : (uint)BitOperations.TrailingZeroCount(*op->S0); break;
                case Opcode.Deposit: *op->D0 = ConstantFolding.Deposit(*op->S0, *op->S1, op->Imm); break;
                case Opcode.MulU2:
                {
                    ulong p = (ulong)*op->S0 * *op->S1;
                    *op->D0 = (uint)p;
                    *op->D1 = (uint)(p >> 32);
                    break;
                }
                case Opcode.MulS2:
                {
                    long p = (long)(int)*op->S0 * (int)*op->S1;
                    *op->D0 = (uint)p;
                    *op->D1 = (uint)((ulong)p >> 32);
                    break;
                }
                case Opcode.SetCond: *op->D0 = op->Cond.Evaluate(*op->S0, *op->S1) ? 1u : 0u; break;
                case Opcode.Select: *op->D0 = *op->S0 != 0 ? *op->S1 : *op->S2; break;
                case Opcode.Load:
                {
                    uint a = *op->S0;
                    *op->D0 = op->Mem switch
                    {
                        MemOp.U32 => memory.Read32(a),
                        MemOp.U8 => memory.Read8(a),
                        MemOp.S8 => (uint)(sbyte)memory.Read8(a),
                        MemOp.U16 => memory.Read16(a),
                        _ => (uint)(short)memory.Read16(a),
                    };
                    break;
                }
                case Opcode.Store:
                {
                    uint a = *op->S1, v = *op->S0;
                    switch (op->Mem)
                    {
                        case MemOp.U32: memory.Write32(a, v); break;
                        case MemOp.U8 or MemOp.S8: memory.Write8(a, (byte)v); break;
                        default: memory.Write16(a, (ushort)v); break;
                    }
                    break;
                }
                case Opcode.Call:
                {
                    var f = Helpers.Get((HelperId)op->Imm);
                    uint r = f(cpu, Arg(op->S0), Arg(op->S1), Arg(op->S2), Arg(op->S3));
                    if (op->D0 != null) *op->D0 = r;
                    break;
                }
                case Opcode.Br: i = op->Target; break;
                case Opcode.BrCond:
                    if (op->Cond.Evaluate(*op->S0, *op->S1)) i = op->Target;
                    break;
                case Opcode.Goto:
                    cpu->Eip = op->Imm;
                    return op->Slot == 0 ? ExitReason.Jump0 : ExitReason.Jump1;
                case Opcode.ExitIndirect: return ExitReason.Indirect;
                case Opcode.ExitSyscall: return ExitReason.Syscall;
                case Opcode.Raise:
                {
                    CurrentPc = cpu->Eip;
                    bool hasAddr = op->S0 != null;
                    throw new GuestFaultException((int)op->Imm, hasAddr ? *op->S0 : 0, hasAddr) { Pc = cpu->Eip };
                }
                case Opcode.ExitUnsupported: return ExitReason.Unsupported;
                default:
                    throw new InvalidOperationException($"interpreter: unknown op {op->Code}");
            }
        }
        throw new InvalidOperationException($"block at 0x{block.GuestPc:x8} fell off its end");
    }

    private static uint Arg(uint* p) => p == null ? 0 : *p;
}
