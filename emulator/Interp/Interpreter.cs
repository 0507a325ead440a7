using System.Runtime.CompilerServices;
using System.Numerics;
using Hdbt.Guest;
using Hdbt.Ir;
using Hdbt.Backend;
using Hdbt.Helpers;

namespace Hdbt.Interp;

/// <summary>
/// Executes prepared IR blocks: the reference oracle every other backend is checked against.
/// Guest memory accesses go through <see cref="GuestMemory"/>'s checked accessors.
/// </summary>
public sealed unsafe class Interpreter(CpuState* cpu, GuestMemory memory)
{
    private readonly CpuState* _cpu = cpu;
    private readonly GuestMemory _memory = memory;

    /// <summary>Guest pc of the instruction being interpreted (from the last insn_start), for fault reports.</summary>
    public uint CurrentPc;

    /// <summary>Set (by the code-write handler) when the running block's code was overwritten.</summary>
    public bool CodeModified;

    /// <summary>Direct jumps that continued in a chained successor (a statistic).</summary>
    public long ChainedTransitions;

    /// <summary>Blocks by hashed guest pc (<see cref="JumpCacheIndex"/>), for indirect jumps (QEMU's tb_jmp_cache); filled by the engine.</summary>
    public readonly InterpBlock?[] JumpCache = new InterpBlock?[JumpCacheIndex.Size];

    /// <summary>Indirect jumps that found their target in the jump cache (a statistic).</summary>
    public long JumpCacheHits;

    /// <summary>Enters a block in the jump cache.</summary>
    public void CacheJumpTarget(InterpBlock block) => JumpCache[JumpCacheIndex.Of(block.GuestPc)] = block;

    /// <summary>
    /// Runs from a block (counting its entry) through chained successors and jump-cache hits until one
    /// leaves. Guest faults propagate as <see cref="GuestFaultException"/> with the pc filled in.
    /// </summary>
    public UnitExit Run(InterpBlock block)
    {
        try
        {
            return RunCore(block);
        }
        catch (GuestFaultException e)
        {
            e.Pc ??= CurrentPc;
            _cpu->Eip = e.Pc.Value;
            throw;
        }
    }

    // Fully optimized at first call, never precompiled or tiered: RunCore follows chained blocks, so one call can
    // run for seconds. Precompiled (ReadyToRun) code is only replaced at a later call, and there is no on-stack
    // replacement out of it, so a long call stayed in the slower precompiled (or PGO-instrumented) code:
    // crc32 under interp took 1.5x (3x with PGO) the CPU time of the jitted build.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private UnitExit RunCore(InterpBlock block)
    {
        if (++block.ExecCount == block.HotAt) return new UnitExit(ExitKind.Hot, block);
        GuestMemory memory = _memory;
        InterpOp* op = block.Ops;
        while (true)
        {
            switch (op->Code)
            {
                case InterpCode.Nop: break;
                case InterpCode.InsnStart:
                    CurrentPc = op->Imm;
                    if (CodeModified && !block.Valid)
                    {
                        // A store in this block rewrote code: resume at this instruction with a fresh translation.
                        CodeModified = false;
                        _cpu->Eip = op->Imm;
                        return new UnitExit(ExitKind.CodeModified);
                    }
                    break;
                case InterpCode.Mov: *op->D0 = *op->S0; break;
                case InterpCode.MovImm: *op->D0 = op->Imm; break;
                case InterpCode.Add: *op->D0 = *op->S0 + *op->S1; break;
                case InterpCode.Sub: *op->D0 = *op->S0 - *op->S1; break;
                case InterpCode.Mul: *op->D0 = *op->S0 * *op->S1; break;
                case InterpCode.And: *op->D0 = *op->S0 & *op->S1; break;
                case InterpCode.Or: *op->D0 = *op->S0 | *op->S1; break;
                case InterpCode.Xor: *op->D0 = *op->S0 ^ *op->S1; break;
                case InterpCode.Shl: *op->D0 = *op->S0 << (int)(*op->S1 & 31); break;
                case InterpCode.Shr: *op->D0 = *op->S0 >> (int)(*op->S1 & 31); break;
                case InterpCode.Sar: *op->D0 = (uint)((int)*op->S0 >> (int)(*op->S1 & 31)); break;
                case InterpCode.Rotl: *op->D0 = BitOperations.RotateLeft(*op->S0, (int)(*op->S1 & 31)); break;
                case InterpCode.Rotr: *op->D0 = BitOperations.RotateRight(*op->S0, (int)(*op->S1 & 31)); break;
                case InterpCode.Neg: *op->D0 = 0 - *op->S0; break;
                case InterpCode.Not: *op->D0 = ~*op->S0; break;
                case InterpCode.Ext8S: *op->D0 = (uint)(sbyte)*op->S0; break;
                case InterpCode.Ext8U: *op->D0 = (byte)*op->S0; break;
                case InterpCode.Ext16S: *op->D0 = (uint)(short)*op->S0; break;
                case InterpCode.Ext16U: *op->D0 = (ushort)*op->S0; break;
                case InterpCode.Bswap: *op->D0 = System.Buffers.Binary.BinaryPrimitives.ReverseEndianness(*op->S0); break;
                case InterpCode.Clz: *op->D0 = (uint)BitOperations.LeadingZeroCount(*op->S0); break;
                case InterpCode.Ctz: *op->D0 = *op->S0 == 0 ? 32u : (uint)BitOperations.TrailingZeroCount(*op->S0); break;
                case InterpCode.Deposit: *op->D0 = ConstantFolding.Deposit(*op->S0, *op->S1, op->Imm); break;
                case InterpCode.MulU2:
                {
                    ulong p = (ulong)*op->S0 * *op->S1;
                    *op->D0 = (uint)p;
                    *op->D1 = (uint)(p >> 32);
                    break;
                }
                case InterpCode.MulS2:
                {
                    long p = (long)(int)*op->S0 * (int)*op->S1;
                    *op->D0 = (uint)p;
                    *op->D1 = (uint)((ulong)p >> 32);
                    break;
                }
                case InterpCode.Select: *op->D0 = *op->S0 != 0 ? *op->S1 : *op->S2; break;
                case InterpCode.LdU32: CurrentPc = op->Imm; *op->D0 = memory.Read32(*op->S0); break;
                case InterpCode.LdU8: CurrentPc = op->Imm; *op->D0 = memory.Read8(*op->S0); break;
                case InterpCode.LdS8: CurrentPc = op->Imm; *op->D0 = (uint)(sbyte)memory.Read8(*op->S0); break;
                case InterpCode.LdU16: CurrentPc = op->Imm; *op->D0 = memory.Read16(*op->S0); break;
                case InterpCode.LdS16: CurrentPc = op->Imm; *op->D0 = (uint)(short)memory.Read16(*op->S0); break;
                case InterpCode.St32: CurrentPc = op->Imm; memory.Write32(*op->S1, *op->S0); break;
                case InterpCode.St8: CurrentPc = op->Imm; memory.Write8(*op->S1, (byte)*op->S0); break;
                case InterpCode.St16: CurrentPc = op->Imm; memory.Write16(*op->S1, (ushort)*op->S0); break;
                case InterpCode.Call:
                {
                    uint r = op->Helper(_cpu, Arg(op->S0), Arg(op->S1), Arg(op->S2), Arg(op->S3));
                    if (op->D0 != null) *op->D0 = r;
                    break;
                }
                case InterpCode.Br: op = block.Ops + op->Target; break;
                case InterpCode.BrEq: if (*op->S0 == *op->S1) op = block.Ops + op->Target; break;
                case InterpCode.BrNe: if (*op->S0 != *op->S1) op = block.Ops + op->Target; break;
                case InterpCode.BrLtU: if (*op->S0 < *op->S1) op = block.Ops + op->Target; break;
                case InterpCode.BrGeU: if (*op->S0 >= *op->S1) op = block.Ops + op->Target; break;
                case InterpCode.BrLeU: if (*op->S0 <= *op->S1) op = block.Ops + op->Target; break;
                case InterpCode.BrGtU: if (*op->S0 > *op->S1) op = block.Ops + op->Target; break;
                case InterpCode.BrLt: if ((int)*op->S0 < (int)*op->S1) op = block.Ops + op->Target; break;
                case InterpCode.BrGe: if ((int)*op->S0 >= (int)*op->S1) op = block.Ops + op->Target; break;
                case InterpCode.BrLe: if ((int)*op->S0 <= (int)*op->S1) op = block.Ops + op->Target; break;
                case InterpCode.BrGt: if ((int)*op->S0 > (int)*op->S1) op = block.Ops + op->Target; break;
                case InterpCode.BrTstEq: if ((*op->S0 & *op->S1) == 0) op = block.Ops + op->Target; break;
                case InterpCode.BrTstNe: if ((*op->S0 & *op->S1) != 0) op = block.Ops + op->Target; break;
                case InterpCode.SetEq: *op->D0 = *op->S0 == *op->S1 ? 1u : 0u; break;
                case InterpCode.SetNe: *op->D0 = *op->S0 != *op->S1 ? 1u : 0u; break;
                case InterpCode.SetLtU: *op->D0 = *op->S0 < *op->S1 ? 1u : 0u; break;
                case InterpCode.SetGeU: *op->D0 = *op->S0 >= *op->S1 ? 1u : 0u; break;
                case InterpCode.SetLeU: *op->D0 = *op->S0 <= *op->S1 ? 1u : 0u; break;
                case InterpCode.SetGtU: *op->D0 = *op->S0 > *op->S1 ? 1u : 0u; break;
                case InterpCode.SetLt: *op->D0 = (int)*op->S0 < (int)*op->S1 ? 1u : 0u; break;
                case InterpCode.SetGe: *op->D0 = (int)*op->S0 >= (int)*op->S1 ? 1u : 0u; break;
                case InterpCode.SetLe: *op->D0 = (int)*op->S0 <= (int)*op->S1 ? 1u : 0u; break;
                case InterpCode.SetGt: *op->D0 = (int)*op->S0 > (int)*op->S1 ? 1u : 0u; break;
                case InterpCode.SetTstEq: *op->D0 = (*op->S0 & *op->S1) == 0 ? 1u : 0u; break;
                case InterpCode.SetTstNe: *op->D0 = (*op->S0 & *op->S1) != 0 ? 1u : 0u; break;
                case InterpCode.Goto:
                {
                    _cpu->Eip = op->Imm;
                    // Chained successor: continue in it without returning to the dispatcher.
                    // Only interp blocks are ever linked to interp blocks.
                    InterpBlock? next = Unsafe.As<InterpBlock>(block.NextAt(op->Slot));
                    if (next == null || !next.Valid) return new UnitExit(ExitKind.Jump, block, op->Slot);
                    block = next;
                    ChainedTransitions++;
                    if (++block.ExecCount == block.HotAt) return new UnitExit(ExitKind.Hot, block);
                    op = block.Ops;
                    continue;
                }
                case InterpCode.ExitIndirect:
                {
                    // Indirect jumps, calls and returns look their target up in the jump cache first.
                    uint target = _cpu->Eip;
                    InterpBlock? next = JumpCache[JumpCacheIndex.Of(target)];
                    if (next == null || next.GuestPc != target || !next.Valid) return new UnitExit(ExitKind.Indirect);
                    block = next;
                    JumpCacheHits++;
                    if (++block.ExecCount == block.HotAt) return new UnitExit(ExitKind.Hot, block);
                    op = block.Ops;
                    continue;
                }
                case InterpCode.ExitSyscall: return new UnitExit(ExitKind.Syscall);
                case InterpCode.Raise:
                {
                    CurrentPc = _cpu->Eip;
                    bool hasAddr = op->S0 != null;
                    throw new GuestFaultException((int)op->Imm, hasAddr ? *op->S0 : 0, hasAddr) { Pc = _cpu->Eip };
                }
                case InterpCode.ExitUnsupported: return new UnitExit(ExitKind.Unsupported);
                default:
                    throw new InvalidOperationException($"interpreter: unknown op {op->Code}");
            }
            // A taken branch set op to its label, whose slot is a Nop: stepping past it is correct.
            op++;
        }
    }

    private static uint Arg(uint* p) => p == null ? 0 : *p;
}
