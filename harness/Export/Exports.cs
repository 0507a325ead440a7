using Hdbt.Harness.Cli;

namespace Hdbt.Harness.Export;

/// <summary>Writes a table where --export-markdown and --export-latex say: a file (atomically) or, for "-", standard output.</summary>
public static class Exports
{
    public static void Write(HarnessOptions o, ExportTable table)
    {
        if (o.ExportMarkdown != null) Put(o.ExportMarkdown, Markdown.Write(table));
        if (o.ExportLatex != null) Put(o.ExportLatex, Latex.Write(table));
    }

    private static void Put(string path, string text)
    {
        if (path == "-")
        {
            Console.Out.Write(text);
            return;
        }
        var full = Path.GetFullPath(path);
        var tmp = full + ".tmp";
        File.WriteAllText(tmp, text);
        File.Move(tmp, full, overwrite: true);
    }
}
