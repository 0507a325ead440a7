namespace Hdbt.Harness.Sweep;

/// <summary>
/// Decides which modes a sweep runs: requested emulator modes that hdbt has built (the others are
/// reported once and skipped, never faked), the baseline mode (added when not requested; interp
/// when the requested baseline is not built yet), and the native and qemu rows when available.
/// </summary>
public static class ModeResolver
{
    /// <summary>
    /// Fills <paramref name="def"/>'s Modes, SkippedModes, BaselineMode and Notes; throws <see cref="FormatException"/> on an unknown
    /// mode or a baseline that cannot run. <paramref name="noNative"/>: null when this host runs i386 programs natively,
    /// otherwise why not (from <c>hdbt --host-info</c>), which the note of the skipped native row gives.
    /// <paramref name="native64Workloads"/>: the sweep's workloads that have an x86-64 build (the native64 row runs those).
    /// </summary>
    public static void Resolve(SweepDefinition def, IReadOnlyList<ModeInfo> known, string? noNative, bool qemuInstalled, IReadOnlyList<string>? native64Workloads = null)
    {
        native64Workloads ??= [];
        var p = def.Profile;
        var requested = new List<string>();
        foreach (var m in p.Modes)
        {
            if (m == "*") { requested.AddRange(known.Select(k => k.Name)); continue; }
            if (ModeInfo.BaselineRows.Contains(m)) throw new FormatException($"'{m}' is a baseline row: use --baselines {m}");
            if (known.All(k => k.Name != m)) throw new FormatException($"unknown mode '{m}' (hdbt knows: {string.Join(", ", known.Select(k => k.Name))})");
            requested.Add(m);
        }
        requested = requested.Distinct().ToList();

        string baseline = p.Baseline;
        var baseInfo = known.FirstOrDefault(k => k.Name == baseline);
        if (ModeInfo.BaselineRows.Contains(baseline))
        {
            if (!p.Baselines.Contains(baseline)) p.Baselines.Add(baseline);
        }
        else if (baseInfo == null) throw new FormatException($"unknown baseline mode '{baseline}' (hdbt knows: {string.Join(", ", known.Select(k => k.Name))}, {string.Join(", ", ModeInfo.BaselineRows)})");
        else if (!baseInfo.Built)
        {
            def.Notes.Add($"BASELINE: mode {baseline} is not built yet, so speedups are over interp instead (they switch to {baseline} by themselves once hdbt has it)");
            baseline = "interp";
        }
        if (!ModeInfo.BaselineRows.Contains(baseline) && !requested.Contains(baseline)) requested.Insert(0, baseline);
        def.BaselineMode = baseline;

        // Emulator modes keep hdbt's order (its table goes from simple to hybrid), which is the order figures use.
        foreach (var k in known)
        {
            if (!requested.Contains(k.Name)) continue;
            if (k.Built) def.Modes.Add(k);
            else
            {
                def.SkippedModes.Add(k.Name);
                def.Notes.Add($"mode {k.Name} is not built yet in this hdbt: skipped");
            }
        }
        if (p.Baselines.Contains("native"))
        {
            if (noNative == null) def.Modes.Add(ModeInfo.Native);
            else
            {
                def.SkippedModes.Add("native");
                def.Notes.Add($"native: skipped: {noNative}; the sweep has no native row and no speedup over native" +
                    (p.Baselines.Contains("native64") ? "; native64 (the same sources built for x86-64) is the physical-limit row instead" : "") +
                    (p.Baselines.Contains("qemu") ? " (qemu-i386 stays the peer baseline where installed)" : ""));
            }
        }
        if (p.Baselines.Contains("native64"))
        {
            var with = def.Workloads.Where(native64Workloads.Contains).ToList();
            def.Native64Workloads = with;
            if (with.Count > 0) def.Modes.Add(ModeInfo.Native64);
            else def.SkippedModes.Add("native64");
            var without = def.Workloads.Except(with).ToList();
            if (without.Count > 0)
                def.Notes.Add($"native64: no row for {string.Join(", ", without)}: no x86-64 build of {(without.Count == 1 ? "it" : "them")} prints the i386 reference output (workloads/BUILD-INFO.txt)"
                    + (with.Count > 0 ? $"; native64's geometric mean is over the other {with.Count} workloads" : ""));
        }
        if (p.Baselines.Contains("qemu"))
        {
            if (qemuInstalled) def.Modes.Add(ModeInfo.Qemu(true));
            else { def.SkippedModes.Add("qemu"); def.Notes.Add("qemu: skipped, qemu-i386 is not installed (Debian/Ubuntu: apt-get install qemu-user)"); }
        }
        if (def.Modes.All(m => m.Name != baseline))
            throw new FormatException($"the baseline {baseline} cannot run here" +
                (baseline == "native" && noNative != null ? $": {noNative} (use --baseline tcg, native64 or qemu)" : ""));
    }
}
