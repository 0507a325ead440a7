namespace Hdbt.Harness.Sweep;

/// <summary>One run in the sweep's fixed order: its id, round (warm-up rounds first), repetition and point.</summary>
public sealed record PlannedRun(int RunId, int Round, Phase Phase, int Rep, GridPoint Point);
