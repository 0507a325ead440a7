using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Hdbt.Profiling;

/// <summary>Counter values of one run, with the text report (<c>-p basic</c>) and JSON export (<c>--stats-json</c>).</summary>
public sealed class Statistics
{
    private readonly long[] _values = new long[CounterTable.All.Length];
    private readonly bool[] _notCounted = new bool[CounterTable.All.Length];

    public long this[CounterId id]
    {
        get => _values[(int)id];
        set => _values[(int)id] = value;
    }

    public void Add(CounterId id, long delta) => _values[(int)id] += delta;

    /// <summary>Traces by length: index n counts the traces of n blocks (null where no traces form).</summary>
    public long[]? TraceLengthDistribution { get; set; }

    /// <summary>
    /// Declares counters the current mode does not measure (e.g. executed blocks in tcg, whose
    /// generated code does not count them; host code size in interp). The report says so and the
    /// JSON leaves them out, rather than showing a 0 that reads like a measurement.
    /// </summary>
    public void MarkNotCounted(params ReadOnlySpan<CounterId> ids)
    {
        foreach (var id in ids) _notCounted[(int)id] = true;
    }

    /// <summary>Undoes <see cref="MarkNotCounted"/> for a counter that another part of the run does measure (a hybrid's second backend).</summary>
    public void MarkCounted(CounterId id) => _notCounted[(int)id] = false;

    /// <summary>Whether the current mode measures this counter.</summary>
    public bool IsCounted(CounterId id) => !_notCounted[(int)id];

    /// <summary>A counter's value in its reporting unit (seconds for times).</summary>
    public double Value(CounterId id) =>
        CounterTable.Get(id).Unit == CounterUnit.Time ? (double)this[id] / Stopwatch.Frequency : this[id];

    public string FormatReport()
    {
        var sb = new StringBuilder();
        foreach (var section in CounterTable.All.Select(c => c.Section).Distinct())
        {
            // A section the mode counts nothing of (the trace statistic without traces) is left out.
            if (!CounterTable.All.Any(c => c.Section == section && IsCounted(c.Id))) continue;
            sb.Append(section).Append(":\n");
            foreach (var c in CounterTable.All.Where(c => c.Section == section))
                sb.Append("  ").Append(c.Label.PadRight(58)).Append(": ").Append(Format(c)).Append('\n');
            if (section == CounterTable.BlockSection)
            {
                // Derived figures a researcher looks for first.
                long insns = this[CounterId.GuestInsnsTranslated];
                if (insns > 0)
                {
                    sb.Append("  ").Append("Translation time per guest instruction".PadRight(58)).Append(": ")
                        .Append((Value(CounterId.TranslationTime) * 1e6 / insns).ToString("F3", CultureInfo.InvariantCulture)).Append(" us\n");
                    sb.Append("  ").Append("IR ops per guest instruction".PadRight(58)).Append(": ")
                        .Append(((double)this[CounterId.IrOps] / insns).ToString("F2", CultureInfo.InvariantCulture)).Append('\n');
                }
                long guestBytes = this[CounterId.GuestCodeBytes];
                if (this[CounterId.HostCodeBytes] > 0 && guestBytes > 0)
                {
                    sb.Append("  ").Append("Code expansion (host bytes per guest byte)".PadRight(58)).Append(": ")
                        .Append(((double)this[CounterId.HostCodeBytes] / guestBytes).ToString("F2", CultureInfo.InvariantCulture)).Append('\n');
                }
                double exec = Value(CounterId.ExecutionTime);
                if (exec > 0 && IsCounted(CounterId.GuestInsnsExecuted))
                    sb.Append("  ").Append("Guest instructions per second".PadRight(58)).Append(": ")
                        .Append((this[CounterId.GuestInsnsExecuted] / exec).ToString("F0", CultureInfo.InvariantCulture)).Append('\n');
            }
            if (section == CounterTable.TraceSection && this[CounterId.Traces] is > 0 and var traces)
            {
                void Line(string label, string value) => sb.Append("  ").Append(label.PadRight(58)).Append(": ").Append(value).Append('\n');
                string Per(CounterId id) => ((double)this[id] / traces).ToString("F2", CultureInfo.InvariantCulture);
                Line("Average trace length (blocks)", Per(CounterId.TraceBlocks));
                Line("Average exits per trace", Per(CounterId.TraceExits));
                Line("Indirect branches per trace", Per(CounterId.TraceIndirectChecks));
                Line("Blocks duplicated", (this[CounterId.TraceBlocks] - this[CounterId.TraceBlocksCovered]).ToString(CultureInfo.InvariantCulture));
                Line("Guest bytes duplicated", (this[CounterId.TraceGuestBytes] - this[CounterId.TraceGuestBytesCovered]).ToString(CultureInfo.InvariantCulture) + " bytes");
                Line("Guest instructions duplicated", (this[CounterId.TraceGuestInsns] - this[CounterId.TraceGuestInsnsCovered]).ToString(CultureInfo.InvariantCulture));
                if (TraceLengthDistribution is { } d)
                    Line("Length distribution (blocks: traces)", string.Join(" ", Enumerable.Range(1, d.Length - 1).Select(n => $"{n}:{d[n]}")));
            }
        }
        return sb.ToString();
    }

    private string Format(CounterInfo c) => !IsCounted(c.Id) ? "n/a (not counted in this mode)" : c.Unit switch
    {
        CounterUnit.Time => Value(c.Id).ToString("F6", CultureInfo.InvariantCulture) + " s",
        CounterUnit.Bytes => this[c.Id].ToString(CultureInfo.InvariantCulture) + " bytes",
        _ => this[c.Id].ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>Writes every counter as one flat JSON object (times in seconds), atomically (temp file + rename).</summary>
    public void WriteJson(string path, IReadOnlyDictionary<string, string> info)
    {
        var tmp = path + ".tmp";
        using (var stream = File.Create(tmp))
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            foreach (var (k, v) in info) w.WriteString(k, v);
            foreach (var c in CounterTable.All)
            {
                if (!IsCounted(c.Id)) continue;
                if (c.Unit == CounterUnit.Time) w.WriteNumber(c.Key, Value(c.Id));
                else w.WriteNumber(c.Key, this[c.Id]);
            }
            if (TraceLengthDistribution is { } d)
            {
                // trace_length_distribution[n]: traces of n blocks (index 0 is always 0).
                w.WriteStartArray("trace_length_distribution");
                foreach (long n in d) w.WriteNumberValue(n);
                w.WriteEndArray();
            }
            w.WriteEndObject();
        }
        File.Move(tmp, path, overwrite: true);
    }
}
