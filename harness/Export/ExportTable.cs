namespace Hdbt.Harness.Export;

/// <summary>
/// A table for a paper or a note, independent of its format: a caption, a header, rows of plain-text
/// cells (the first column is a label, the others numbers), an optional rule before one row (the
/// geometric mean), notes under it and where it came from. <see cref="Markdown"/> and
/// <see cref="Latex"/> write it.
/// </summary>
public sealed record ExportTable(string Caption, IReadOnlyList<string> Header, IReadOnlyList<IReadOnlyList<string>> Rows, IReadOnlyList<string> Notes, string Source, int? RuleBeforeRow = null);
