namespace Hdbt.Harness.Sweep;

/// <summary>
/// The order of runs: warm-up rounds, then measured rounds; in each round every point once, in an
/// order shuffled with the round's own seed, so that slow drift of the machine (thermal, other
/// users) spreads over all configurations instead of favouring the ones that run first. The plan is
/// a pure function of the points, the counts and the seed, which is what makes --resume possible.
/// </summary>
public static class RunPlan
{
    public static List<PlannedRun> Build(IReadOnlyList<GridPoint> points, int warmup, int reps, int seed)
    {
        var runs = new List<PlannedRun>();
        int id = 0;
        for (int round = 0; round < warmup + reps; round++)
        {
            var order = Enumerable.Range(0, points.Count).ToArray();
            // HashCode is salted per process; the seed must give the same order in every process (resume, shards).
            new Random(unchecked(seed * 1_000_003 + round)).Shuffle(order);
            bool warm = round < warmup;
            foreach (var i in order)
                runs.Add(new PlannedRun(id++, round, warm ? Phase.Warmup : Phase.Measure, warm ? round : round - warmup, points[i]));
        }
        return runs;
    }
}
