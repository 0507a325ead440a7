using Hdbt.Frontend;
using Hdbt.Guest;
using Hdbt.Loader;
using Hdbt.Tests.Support;
using Xunit;

namespace Hdbt.Tests.Frontend;

/// <summary>
/// Translation allocates nothing once warm (issue 11, part 6): decoding, building the IR and optimizing a
/// block reuse the translator's decoder, block, builder and the IR passes' scratch arrays. Counted in bytes
/// the current thread allocated, which is exact (not timed), over real code: the blocks that follow each
/// other by fall-through from the entry points of two workloads.
/// </summary>
public class TranslatorAllocationTests
{
    [Theory]
    [InlineData("sha1")]
    [InlineData("lz")]
    public void Translating_warm_blocks_allocates_nothing(string workload)
    {
        string binary = WorkloadManifest.PathOf(Path.Combine("bin", workload));
        using var memory = new GuestMemory();
        var image = ElfLoader.Load(ElfFile.Load(binary), memory, [binary], [], binary);
        foreach (bool optimize in new[] { true, false })
        {
            var translator = new Translator(memory, new TranslatorOptions { Optimize = optimize });
            var pcs = new List<uint>();
            uint pc = image.Entry;
            int insns = 0;
            for (int i = 0; i < 300; i++)
            {
                var block = translator.Translate(pc);
                pcs.Add(pc);
                insns += block.InsnCount;
                if (block.GuestEnd <= pc) break;
                pc = block.GuestEnd;
            }
            Assert.True(insns > 500, $"only {insns} guest instructions reached from {workload}'s entry");
            // Warm: once through grows every buffer to the largest block; the second time must allocate nothing.
            foreach (uint p in pcs) translator.Translate(p);
            long before = GC.GetAllocatedBytesForCurrentThread();
            foreach (uint p in pcs) translator.Translate(p);
            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            Assert.True(allocated == 0, $"{workload} (optimize: {optimize}): translating {pcs.Count} warm blocks ({insns} guest instructions) allocated {allocated} bytes");
        }
    }
}
