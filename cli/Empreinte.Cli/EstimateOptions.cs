using System.Globalization;
using Empreinte.Application.Files;
using Empreinte.Application.Importing;
using Empreinte.Domain.Calculators;
using Empreinte.Ingestion;

namespace Empreinte.Cli;

/// <summary>Arguments of <c>estimate</c>.</summary>
internal sealed record EstimateOptions(IReadOnlyList<string> Inputs, string OutputDirectory, string? TablesConnection, string? Format, int BatchSize, CalculationProfile Profile)
{
    public const int MinBatchSize = 1;

    /// <summary>Above this a batch is a message of hundreds of megabytes; 1,000 is the measured sweet spot (docs/benchmarks.md).</summary>
    public const int MaxBatchSize = 100_000;

    /// <summary>
    /// The names <c>--format</c> accepts, exactly (case aside): each reader's name and the versions
    /// it detects, so a typo is an error instead of a prefix match.
    /// </summary>
    public static IReadOnlyList<string> FormatNames { get; } =
    [
        .. ExportReader.FormatNames,
        "focus-1.0", "focus-1.1", "focus-1.2", "azure-ea", "azure-mca", "azure-legacy", "aws-cur2", "aws-cur-athena",
    ];

    /// <summary>Language of report.html: <c>en</c> or <c>fr</c>.</summary>
    public string Language { get; init; } = "en";

    /// <summary>The per-line file (<c>--lines</c>): lines.parquet by default.</summary>
    public LinesFormat Lines { get; init; } = LinesFormat.Parquet;

    public static bool TryParse(ReadOnlySpan<string> args, out EstimateOptions options, out string problem)
    {
        options = null!;
        var inputs = new List<string>();
        string? output = null, tables = null, format = null;
        var batchSize = ImportService.DefaultBatchSize;
        var profile = CalculationProfile.Default;
        var onlyFiles = false;
        var language = "en";
        var lines = LinesFormat.Parquet;
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            // "--" ends the options: what follows are files, even a file named "-x".
            if (!onlyFiles && arg == "--")
            {
                onlyFiles = true;
                continue;
            }

            if (onlyFiles || !arg.StartsWith('-') || arg == "-")
            {
                inputs.Add(arg);
                continue;
            }

            if (arg is not ("--out" or "--tables" or "--format" or "--batch-size" or "--profile" or "--lang" or "--lines"))
            {
                problem = $"unknown option {arg} (a file whose name starts with '-' goes after --).";
                return false;
            }

            if (i + 1 >= args.Length)
            {
                problem = $"option {arg} needs a value.";
                return false;
            }

            var value = args[++i];
            switch (arg)
            {
                case "--out": output = value; break;
                case "--tables": tables = value; break;
                case "--format" when FormatNames.FirstOrDefault(n => n.Equals(value, StringComparison.OrdinalIgnoreCase)) is { } known:
                    format = known;
                    break;
                case "--format":
                    problem = $"--format '{value}' is not a known format; use one of {string.Join(", ", FormatNames)}.";
                    return false;
                case "--batch-size" when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var size) && size is >= MinBatchSize and <= MaxBatchSize:
                    batchSize = size;
                    break;
                case "--profile" when CalculationProfiles.TryParse(value, out var parsed):
                    profile = parsed;
                    break;
                case "--lang" when Empreinte.Application.Reporting.ReportText.Languages.Contains(value):
                    language = value;
                    break;
                case "--lines" when LinesFormats.TryParse(value, out var linesFormat):
                    lines = linesFormat;
                    break;
                case "--lines":
                    problem = $"--lines must be one of {string.Join(", ", LinesFormats.Names)}, not '{value}'.";
                    return false;
                case "--lang":
                    problem = $"--lang must be 'en' or 'fr', not '{value}'.";
                    return false;
                case "--profile":
                    problem = $"--profile must be 'default' or 'ccf', not '{value}'.";
                    return false;
                case "--batch-size":
                    problem = $"--batch-size must be a whole number from {MinBatchSize} to {MaxBatchSize.ToString("N0", CultureInfo.InvariantCulture)}, not '{value}'.";
                    return false;
                default:
                    throw new InvalidOperationException($"option {arg} is listed but not handled");
            }
        }

        if (inputs.Count == 0)
        {
            problem = "estimate needs at least one export file.";
            return false;
        }

        if (output is null)
        {
            problem = "estimate needs --out DIR (where summary.json, lines.parquet and unmapped.csv go).";
            return false;
        }

        options = new EstimateOptions(inputs, output, tables, format, batchSize, profile) { Language = language, Lines = lines };
        problem = "";
        return true;
    }
}
