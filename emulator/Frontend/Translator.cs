using System.Diagnostics;
using Hdbt.Guest;
using Hdbt.Ir;
using Iced.Intel;
using Hdbt.Host;

namespace Hdbt.Frontend;

/// <summary>
/// Decodes guest code with Iced and builds the IR of one translation block: at most
/// <see cref="TranslatorOptions.MaxInsnsPerBlock"/> instructions, ending at control flow or
/// before the first instruction that starts on another page.
/// </summary>
public sealed class Translator
{
    private static readonly HandlerTable s_handlers = HandlerTable.CreateDefault();
    private readonly GuestMemory _memory;
    private readonly TranslatorOptions _options;
    private readonly GuestCodeReader _reader;
    // One decoder, block, builder and context for every block: the decoder reads through _reader, which is
    // moved to each instruction, and a block's IR is done with once the backend has its unit (Translate's contract).
    private readonly Decoder _decoder;
    private readonly FrontendContext _context;

    public Translator(GuestMemory memory, TranslatorOptions options)
    {
        _memory = memory;
        _options = options;
        _reader = new GuestCodeReader(memory);
        _decoder = Decoder.Create(32, _reader, 0, DecoderOptions.None);
        _context = new FrontendContext(new IrBuilder(new IrBlock(0)));
    }

    /// <summary>Called with each decoded instruction (for <c>-d in_asm</c>).</summary>
    public Action<Instruction>? OnInstruction { get; set; }

    /// <summary>IR op count of the last block before the optimizer ran.</summary>
    public int LastOpsBeforeOptimization { get; private set; }

    /// <summary>When set, the last block's IR text before optimization is kept (for <c>-d op</c>).</summary>
    public bool KeepUnoptimizedText { get; set; }

    /// <summary>The last block's IR before optimization, if <see cref="KeepUnoptimizedText"/>.</summary>
    public string LastUnoptimizedText { get; private set; } = "";

    /// <summary>Whether the frontend implements this mnemonic at all.</summary>
    public static bool Implements(Mnemonic m) => s_handlers.Get(m) != null;

    /// <summary>
    /// The IR of the block at <paramref name="pc"/>, optimized if the options say so. The block is the
    /// translator's own and is reused by its next call: use it (give it to a backend) before translating again.
    /// </summary>
    public IrBlock Translate(uint pc)
    {
        var ctx = _context;
        ctx.Reset(pc);
        var b = ctx.B;
        var block = b.Block;
        var decoder = _decoder;
        uint firstPage = pc >> GuestMemory.PageShift;
        uint cur = pc;
        int max = _options.OneInsnPerBlock ? 1 : _options.MaxInsnsPerBlock;

        while (true)
        {
            _reader.Reset(cur);
            decoder.IP = cur;
            decoder.Decode(out ctx.Insn);
            bool first = block.InsnCount == 0;
            if (ctx.Insn.IsInvalid)
            {
                if (!first) { ctx.JumpTo(cur); break; }
                b.InsnStart(cur);
                ctx.Insn = Instruction.Create(Code.Nopd);
                ctx.Insn.IP = cur;
                if (_reader.HitNonExecutable) ctx.Raise(Signals.SIGSEGV, _reader.Position);
                else ctx.Raise(Signals.SIGILL);
                block.InsnCount++;
                cur = _reader.Position > cur ? _reader.Position : cur + 1;
                break;
            }

            for (uint page = cur >> GuestMemory.PageShift; page <= (uint)(ctx.Insn.NextIP - 1) >> GuestMemory.PageShift; page++)
                _memory.MarkCode(page);
            OnInstruction?.Invoke(ctx.Insn);

            int opsBefore = block.Ops.Count;
            b.InsnStart(cur);
            var handler = s_handlers.Get(ctx.Insn.Mnemonic);
            bool supported = handler != null;
            if (handler != null)
            {
                try { handler(ctx); }
                catch (UnsupportedInstructionException) { supported = false; }
            }
            if (!supported)
            {
                block.Ops.RemoveRange(opsBefore, block.Ops.Count - opsBefore);
                if (!first) { ctx.JumpTo(cur); break; }
                b.InsnStart(cur);
                b.Mov(IrBuilder.Global(GlobalSlot.Eip), b.Const(cur));
                b.Emit(Op.Make(Opcode.ExitUnsupported));
                ctx.BlockEnded = true;
                block.InsnCount++;
                cur = (uint)ctx.Insn.NextIP;
                break;
            }

            block.InsnCount++;
            cur = (uint)ctx.Insn.NextIP;
            if (ctx.BlockEnded) break;
            if (block.InsnCount >= max || (cur >> GuestMemory.PageShift) != firstPage)
            {
                ctx.JumpTo(cur);
                break;
            }
        }
        block.GuestEnd = cur;
        Debug.Assert(ctx.BlockEnded);
        LastOpsBeforeOptimization = block.Ops.Count;
        if (KeepUnoptimizedText) LastUnoptimizedText = IrPrinter.Print(block);
        if (_options.VerifyIr) IrVerifier.Verify(block, "frontend");
        if (_options.Optimize) Optimizer.Run(block, b, _options.VerifyIr);
        return block;
    }
}
