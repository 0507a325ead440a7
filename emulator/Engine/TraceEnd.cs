namespace Hdbt.Engine;

/// <summary>Why the recording of a trace stopped (<see cref="TraceRecorder"/>).</summary>
public enum TraceEnd
{
    /// <summary>Execution came back to the head: the trace is a loop.</summary>
    Loop,
    /// <summary>The next block heads a trace already.</summary>
    TraceHead,
    /// <summary>The next block makes a system call, raises a signal or holds an unsupported instruction.</summary>
    SystemCall,
    /// <summary>The trace reached the predict threshold (<c>--trace-len</c>).</summary>
    Length,
    /// <summary>The guest wrote to the code being recorded: no trace.</summary>
    CodeModified,
}
