using System.Globalization;
using System.Security.Cryptography;

namespace Hdbt.Tests.Distribution;

/// <summary>
/// What a directory tree holds, one line per entry in path order: type, permissions, size and a
/// hash of the contents of files, the target of symbolic links and, when asked, the modification
/// time of files. Two runs of a command that creates files (cp -r, tar x) are compared by comparing
/// the snapshots of their directories.
/// </summary>
public static class TreeSnapshot
{
    /// <summary>
    /// The lines of <paramref name="root"/>'s tree. <paramref name="timesUnder"/>: a folder (relative to
    /// the root) whose regular files' modification times are included, for commands that set them
    /// (tar x, cp -a); other files', and directories', are not: creating a file or adding an entry
    /// sets them to the time of the run.
    /// </summary>
    public static List<string> Take(string root, string? timesUnder)
    {
        var lines = new List<string>();
        foreach (var path in Directory.EnumerateFileSystemEntries(root, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            string rel = Path.GetRelativePath(root, path);
            var info = new FileInfo(path);
            if (info.LinkTarget is { } target) lines.Add($"{rel} symlink -> {target}");
            else if (Directory.Exists(path)) lines.Add($"{rel} dir {Mode(path)}");
            else
            {
                string line = $"{rel} file {Mode(path)} {info.Length} {Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)))[..16]}";
                if (timesUnder != null && rel.StartsWith(timesUnder + "/", StringComparison.Ordinal)) line += " " + info.LastWriteTimeUtc.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture);
                lines.Add(line);
            }
        }
        return lines;
    }

    /// <summary>The lines in one snapshot and not the other, for an assertion message ("" when equal).</summary>
    public static string Difference(string leftLabel, List<string> left, string rightLabel, List<string> right)
    {
        var onlyLeft = left.Except(right).ToList();
        var onlyRight = right.Except(left).ToList();
        if (onlyLeft.Count == 0 && onlyRight.Count == 0) return "";
        return $"only in {leftLabel}'s tree:\n  {string.Join("\n  ", onlyLeft)}\nonly in {rightLabel}'s tree:\n  {string.Join("\n  ", onlyRight)}";
    }

    private static string Mode(string path) => Convert.ToString((int)File.GetUnixFileMode(path), 8);
}
