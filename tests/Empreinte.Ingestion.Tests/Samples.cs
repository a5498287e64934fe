using System.Text;
using Empreinte.Domain.Usage;

namespace Empreinte.Ingestion.Tests;

/// <summary>
/// Locates the read-only sample exports beside the repository (<c>../shared/samples</c>) and reads
/// inline CSV strings. Samples are never copied into the repository.
/// </summary>
internal static class Samples
{
    private static readonly Lazy<string?> s_root = new(FindRoot);

    /// <summary>The samples folder, or null when absent (then <see cref="Require"/> fails under CI=true).</summary>
    public static string? Root => s_root.Value;

    public static bool InCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The full path of a sample, or null when the samples folder is absent outside CI. Under
    /// <c>CI=true</c> a missing folder or file is a failure, never a silent skip.
    /// </summary>
    public static string? Path(string relative)
    {
        if (Root is null)
        {
            Assert.False(InCi, "CI=true but the samples folder ../shared/samples beside the repository is missing.");
            Console.WriteLine($"Samples absent (../shared/samples not found): {relative} not checked.");
            return null;
        }

        var full = System.IO.Path.Combine(Root, relative);
        Assert.True(File.Exists(full), $"Sample file missing: {full}");
        return full;
    }

    private static string? FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (!File.Exists(System.IO.Path.Combine(dir.FullName, "Empreinte.sln"))) continue;
            var samples = System.IO.Path.GetFullPath(System.IO.Path.Combine(dir.FullName, "..", "shared", "samples"));
            return Directory.Exists(samples) ? samples : null;
        }

        return null;
    }

    public static ExportFile OpenText(string content, string fileName = "inline.csv", string? format = null, bool bom = false)
    {
        var bytes = Encoding.UTF8.GetBytes(content);
        if (bom) bytes = [.. Encoding.UTF8.GetPreamble(), .. bytes];
        return ExportReader.Open(new MemoryStream(bytes), fileName, format);
    }

    public static List<ParsedRow> ReadText(string content, string fileName = "inline.csv", string? format = null, bool bom = false)
    {
        using var file = OpenText(content, fileName, format, bom);
        return [.. file.Rows()];
    }

    public static List<UsageRecord> Records(string content, string? format = null) =>
        [.. ReadText(content, format: format).Select(r => r.Record ?? throw new Xunit.Sdk.XunitException($"rejected: {r.Error}"))];

    public static List<ParsedRow> ReadFile(string path, out string format)
    {
        using var file = ExportReader.Open(path);
        format = file.Format;
        return [.. file.Rows()];
    }
}
