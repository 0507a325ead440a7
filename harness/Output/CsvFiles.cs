using CsvHelper;

namespace Hdbt.Harness.Output;

/// <summary>
/// CSV through CsvHelper (its source-generated record mappers; the invariant culture is its
/// default for numbers); every write goes to a temp file and is renamed into place.
/// </summary>
public static class CsvFiles
{
    public static void Write<T>(string path, IEnumerable<T> records)
    {
        var tmp = path + ".tmp";
        using (var csv = CsvWriter.Create(File.Create(tmp), CsvWriterOptions.For<T>()))
            csv.WriteRecords(records);
        File.Move(tmp, path, overwrite: true);
    }

    /// <summary>Appends records to a file, writing the header only when the file is new.</summary>
    public static void Append<T>(string path, IEnumerable<T> records)
    {
        bool header = !File.Exists(path) || new FileInfo(path).Length == 0;
        using var csv = CsvWriter.Create(new FileStream(path, FileMode.Append), CsvWriterOptions.For<T>() with { HasHeader = header });
        csv.WriteRecords(records);
    }

    public static List<T> Read<T>(string path)
    {
        if (!File.Exists(path)) return [];
        using var csv = CsvReader.Create(File.OpenRead(path), CsvReaderOptions.For<T>());
        return csv.GetRecords<T>().ToList();
    }
}
