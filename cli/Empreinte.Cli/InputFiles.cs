using Empreinte.Application.Importing;
using Empreinte.Ingestion;

namespace Empreinte.Cli;

/// <summary>
/// The exports named on the command line, opened. A file named explicitly must be readable: its
/// error stops the run. A folder is searched recursively for exports (CSV, CSV.gz, JSON, Parquet);
/// files in it that are not exports (licences, lookup tables, schemas) are skipped and listed with
/// their reason in summary.json, never silently, and the data files a manifest lists are read once,
/// through the manifest.
/// </summary>
internal sealed class InputFiles : IDisposable
{
    private static readonly string[] s_exportExtensions = [".csv", ".gz", ".json", ".parquet"];

    public List<(ExportFile File, string Path)> Opened { get; } = [];

    public List<SkippedInput> Skipped { get; } = [];

    /// <summary>Opens every input; throws <see cref="ExportFormatException"/> for an explicit file that cannot be read.</summary>
    public static InputFiles Open(IReadOnlyList<string> inputs, string? format)
    {
        var files = new InputFiles();
        try
        {
            foreach (var input in inputs)
            {
                if (Directory.Exists(input)) files.OpenFolder(input, format);
                else files.Opened.Add((ExportReader.Open(input, format), input));
            }

            if (files.Opened.Count == 0)
                throw new ExportFormatException($"{string.Join(", ", inputs)}: no export found (looked for {string.Join(", ", s_exportExtensions)} files).");
            return files;
        }
        catch
        {
            files.Dispose();
            throw;
        }
    }

    private void OpenFolder(string folder, string? format)
    {
        var candidates = Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Where(f => s_exportExtensions.Any(e => f.EndsWith(e, StringComparison.OrdinalIgnoreCase)))
            .Order(StringComparer.Ordinal)
            .ToList();

        // Partitions listed by a manifest are read through it, once.
        var listed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var candidate in candidates)
        {
            try
            {
                if (Manifest.TryRead(candidate, out var parts))
                    foreach (var part in parts) listed.Add(Path.GetFullPath(part));
            }
            catch (ExportFormatException)
            {
                // A broken manifest is reported when it is opened below.
            }
        }

        foreach (var candidate in candidates)
        {
            if (listed.Contains(Path.GetFullPath(candidate))) continue;
            try
            {
                Opened.Add((ExportReader.Open(candidate, format), candidate));
            }
            catch (ExportFormatException e)
            {
                Skipped.Add(new SkippedInput(candidate, e.Message));
            }
        }
    }

    public void Dispose()
    {
        foreach (var (file, _) in Opened) file.Dispose();
    }
}
