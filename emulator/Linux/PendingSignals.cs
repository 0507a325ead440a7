namespace Hdbt.Linux;

/// <summary>
/// Signals sent to the guest while blocked, kept as Linux keeps them: in the thread's own queue
/// (tkill, tgkill, raise, the SIGPIPE of a write) or the process's shared one (kill), each with
/// the si_code it was sent with. A standard signal already pending in a queue is not queued
/// again there; hdbt does the same for real-time signals (Linux would queue each instance).
/// </summary>
public sealed class PendingSignals
{
    private readonly int[] _threadCode = new int[65], _processCode = new int[65];
    private ulong _thread, _process;

    private static ulong Bit(int sig) => 1ul << (sig - 1);

    /// <summary>Every pending signal (bit n-1 for signal n), in either queue.</summary>
    public ulong All => _thread | _process;

    public void Add(int sig, int code, bool toThread)
    {
        if (toThread)
        {
            if ((_thread & Bit(sig)) == 0) _threadCode[sig] = code;
            _thread |= Bit(sig);
        }
        else
        {
            if ((_process & Bit(sig)) == 0) _processCode[sig] = code;
            _process |= Bit(sig);
        }
    }

    /// <summary>Removes one instance of a pending signal, the thread's first as Linux does; returns its si_code.</summary>
    public int Take(int sig)
    {
        if ((_thread & Bit(sig)) != 0)
        {
            _thread &= ~Bit(sig);
            return _threadCode[sig];
        }
        _process &= ~Bit(sig);
        return _processCode[sig];
    }

    /// <summary>Forgets every instance of a signal (it became ignored).</summary>
    public void Discard(int sig)
    {
        _thread &= ~Bit(sig);
        _process &= ~Bit(sig);
    }
}
