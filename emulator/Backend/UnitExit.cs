namespace Hdbt.Backend;

/// <summary>How a run of translated code ended, as the engine's loop sees it.</summary>
/// <param name="Kind">Why it stopped (one of the engine-visible <see cref="ExitKind"/>s).</param>
/// <param name="From">The unit it left from, for <see cref="ExitKind.Jump"/> (to link) and <see cref="ExitKind.Hot"/>; else null.</param>
/// <param name="Slot">The chaining slot of a <see cref="ExitKind.Jump"/>.</param>
public readonly record struct UnitExit(ExitKind Kind, TranslatedUnit? From = null, int Slot = 0);
