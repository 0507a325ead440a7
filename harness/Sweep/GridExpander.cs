namespace Hdbt.Harness.Sweep;

/// <summary>
/// Expands a profile into grid points. Thresholds and trace lengths apply only to modes that form
/// traces, worker-thread counts only to modes with workers; other modes get one point per workload.
/// </summary>
public static class GridExpander
{
    /// <summary>
    /// Points for every workload × mode (modes in the given order, workloads in the given order); the
    /// native64 row only for <paramref name="native64Workloads"/> when given (workloads without an x86-64
    /// build that prints the reference output have no such row).
    /// </summary>
    public static List<GridPoint> Expand(Profile p, IReadOnlyList<string> workloads, IReadOnlyList<ModeInfo> modes, IReadOnlyCollection<string>? native64Workloads = null)
    {
        var points = new List<GridPoint>();
        foreach (var w in workloads)
            foreach (var m in modes)
                if (m.Name != ModeInfo.Native64.Name || native64Workloads == null || native64Workloads.Contains(w))
                    foreach (var (t, l, j) in Knobs(p, m))
                        points.Add(new GridPoint(w, m.Name, t, l, j));
        return points;
    }

    /// <summary>The knob combinations of one mode: the defaults always come first.</summary>
    public static List<(int? T, int? L, int? J)> Knobs(Profile p, ModeInfo m)
    {
        if (!m.FormsTraces) return [(null, null, null)];
        var js = m.UsesWorkers ? p.LlvmThreads : [p.DefaultLlvmThreads];
        int? J(int j) => m.UsesWorkers ? j : null;
        var combos = new List<(int?, int?, int?)> { (p.DefaultThreshold, p.DefaultTraceLength, J(p.DefaultLlvmThreads)) };
        if (p.Grid == "cross")
        {
            foreach (var t in p.Thresholds)
                foreach (var l in p.TraceLengths)
                    foreach (var j in js)
                        combos.Add((t, l, J(j)));
        }
        else
        {
            foreach (var t in p.Thresholds) combos.Add((t, p.DefaultTraceLength, J(p.DefaultLlvmThreads)));
            foreach (var l in p.TraceLengths) combos.Add((p.DefaultThreshold, l, J(p.DefaultLlvmThreads)));
            foreach (var j in js) combos.Add((p.DefaultThreshold, p.DefaultTraceLength, J(j)));
        }
        return combos.Distinct().ToList();
    }

    /// <summary>Keeps the points of shard <paramref name="k"/> (1-based) of <paramref name="n"/>: every n-th point, so that each shard gets a mix.</summary>
    public static List<GridPoint> Shard(IReadOnlyList<GridPoint> points, int k, int n) =>
        points.Where((_, i) => i % n == k - 1).ToList();
}
