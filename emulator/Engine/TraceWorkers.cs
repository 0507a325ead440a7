using System.Collections.Concurrent;
using System.Diagnostics;
using Hdbt.Backend;
using Hdbt.Ir;

namespace Hdbt.Engine;

/// <summary>
/// The worker threads of <c>hybridm</c>: the guest thread records a trace and hands its IR over, a worker compiles it
/// while the guest goes on running the blocks, and the guest thread installs the result the next time it is in the
/// engine (<see cref="TryTake"/>). Each worker calls the compile function on its own thread only, so a backend that
/// keeps one compiler per thread never has two threads in one (the LLJIT rule).
/// </summary>
public sealed class TraceWorkers : IDisposable
{
    /// <summary>One trace to compile: its head, its IR (a copy of its own) and the engine's epoch when it was recorded.</summary>
    public sealed record Request(TranslatedUnit Head, IrBlock Ir, long Epoch);

    /// <summary>A compiled trace (null when the compiler had no room) and how long it took, in stopwatch ticks.</summary>
    public sealed record Result(Request Request, TranslatedUnit? Trace, long Ticks);

    private readonly BlockingCollection<Request> _requests = new(new ConcurrentQueue<Request>());
    private readonly ConcurrentQueue<Result> _results = new();
    private readonly Thread[] _threads;
    private readonly Func<IrBlock, TranslatedUnit?> _compile;
    private Exception? _failure;
    private int _pending;

    /// <param name="threads">Worker threads (<c>--llvm-threads</c>).</param>
    /// <param name="compile">Compiles one trace's IR on the calling worker thread.</param>
    public TraceWorkers(int threads, Func<IrBlock, TranslatedUnit?> compile)
    {
        if (threads < 1) throw new ArgumentOutOfRangeException(nameof(threads), threads, "at least one worker thread");
        _compile = compile;
        _threads = new Thread[threads];
        for (int i = 0; i < threads; i++)
        {
            _threads[i] = new Thread(Work) { IsBackground = true, Name = $"hdbt trace worker {i}" };
            _threads[i].Start();
        }
    }

    /// <summary>Traces handed over and not yet taken back.</summary>
    public int Pending => Volatile.Read(ref _pending);

    /// <summary>Hands a trace over (its IR is copied: the caller's goes on being reused).</summary>
    public void Submit(TranslatedUnit head, IrBlock ir, long epoch)
    {
        Interlocked.Increment(ref _pending);
        _requests.Add(new Request(head, IrBlock.CopyOf(ir), epoch));
    }

    /// <summary>A compiled trace, if one is ready. A worker's failure (an internal error) is rethrown here, on the guest thread.</summary>
    public bool TryTake(out Result result)
    {
        if (Volatile.Read(ref _failure) is { } e) throw new InvalidOperationException($"trace worker failed: {e.Message}", e);
        if (!_results.TryDequeue(out result!)) return false;
        Interlocked.Decrement(ref _pending);
        return true;
    }

    /// <summary>Waits until every trace handed over has been compiled (for tests and for an orderly exit).</summary>
    public void Drain()
    {
        while (Pending > _results.Count && Volatile.Read(ref _failure) == null) Thread.Sleep(1);
    }

    private void Work()
    {
        try
        {
            foreach (var request in _requests.GetConsumingEnumerable())
            {
                long start = Stopwatch.GetTimestamp();
                var trace = _compile(request.Ir);
                _results.Enqueue(new Result(request, trace, Stopwatch.GetTimestamp() - start));
            }
        }
        catch (Exception e)
        {
            Volatile.Write(ref _failure, e);
        }
    }

    public void Dispose()
    {
        _requests.CompleteAdding();
        foreach (var t in _threads) t.Join();
        _requests.Dispose();
    }
}
