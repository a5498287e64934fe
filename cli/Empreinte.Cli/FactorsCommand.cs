using System.Text.Json;
using Empreinte.Domain.Factors;
using nietras.SeparatedValues;
using Spectre.Console;

namespace Empreinte.Cli;

/// <summary>
/// <c>factors</c>: the factor set embedded in this build, one entry per data table (constants,
/// machine types, grid intensities, …) with its row count and the distinct sources, licences and
/// years its rows cite — read from the same embedded files <see cref="FactorSetLoader"/> loads.
/// </summary>
internal sealed class FactorsCommand(IAnsiConsole console)
{
    private const string ResourcePrefix = "Empreinte.Factors.";

    internal sealed record FactorTable(string Name, int Rows, IReadOnlyList<string> Sources, IReadOnlyList<string> Licences, int? FirstYear, int? LastYear);

    internal sealed record FactorListing(string FactorSetVersion, IReadOnlyList<FactorTable> Tables);

    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        // Sources hold quotes, apostrophes and en dashes: kept readable, not \u-escaped.
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public int Run(OutputFlags flags)
    {
        var listing = List();
        if (flags.Json)
        {
            console.Profile.Out.Writer.WriteLine(JsonSerializer.Serialize(listing, s_json));
            return CommandLine.Success;
        }

        if (flags.Quiet) return CommandLine.Success;
        var table = new Table().Title($"Empreinte factor set {listing.FactorSetVersion}")
            .AddColumns("table", "rows", "years", "licences", "sources");
        foreach (var t in listing.Tables)
        {
            var sources = t.Sources.Count == 1 ? Shorten(t.Sources[0]) : $"{t.Sources.Count} sources, e.g. {Shorten(t.Sources[0])}";
            table.AddRow(Markup.Escape(t.Name), t.Rows.ToString("N0", System.Globalization.CultureInfo.InvariantCulture),
                t.FirstYear == t.LastYear ? $"{t.FirstYear}" : $"{t.FirstYear}–{t.LastYear}",
                Markup.Escape(string.Join("; ", t.Licences)), Markup.Escape(sources));
        }

        console.Write(table);
        console.WriteLine("every row's source and licence: empreinte factors --json, or shared/Empreinte.Domain/Factors/Data/*.csv");
        return CommandLine.Success;
    }

    private static string Shorten(string text) => text.Length <= 48 ? text : text[..47] + "…";

    public static FactorListing List()
    {
        var assembly = typeof(FactorSetLoader).Assembly;
        var tables = new List<FactorTable>();
        foreach (var file in FactorSetLoader.EmbeddedFileNames().Order(StringComparer.Ordinal))
        {
            using var stream = assembly.GetManifestResourceStream(ResourcePrefix + file)
                ?? throw new InvalidOperationException($"factor file {file} is not embedded.");
            using var reader = Sep.Reader(o => o with { Unescape = true }).From(stream);
            var sources = new SortedSet<string>(StringComparer.Ordinal);
            var licences = new SortedSet<string>(StringComparer.Ordinal);
            int rows = 0;
            int? first = null, last = null;
            foreach (var row in reader)
            {
                rows++;
                sources.Add(row["source"].ToString());
                licences.Add(row["licence"].ToString());
                if (int.TryParse(row["year"].Span, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var year))
                {
                    first = Math.Min(first ?? year, year);
                    last = Math.Max(last ?? year, year);
                }
            }

            tables.Add(new FactorTable(Path.GetFileNameWithoutExtension(file), rows, [.. sources], [.. licences], first, last));
        }

        return new FactorListing(FactorSet.Embedded.Version, tables);
    }
}
