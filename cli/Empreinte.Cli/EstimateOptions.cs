using System.Globalization;
using Empreinte.Application.Importing;
using Empreinte.Domain.Calculators;

namespace Empreinte.Cli;

/// <summary>Arguments of <c>estimate</c>.</summary>
internal sealed record EstimateOptions(IReadOnlyList<string> Inputs, string OutputDirectory, string? TablesConnection, string? Format, int BatchSize, CalculationProfile Profile)
{
    /// <summary>Language of report.html: <c>en</c> or <c>fr</c>.</summary>
    public string Language { get; init; } = "en";

    public static bool TryParse(ReadOnlySpan<string> args, out EstimateOptions options, out string problem)
    {
        options = null!;
        var inputs = new List<string>();
        string? output = null, tables = null, format = null;
        var batchSize = ImportService.DefaultBatchSize;
        var profile = CalculationProfile.Default;
        var language = "en";
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal))
            {
                inputs.Add(arg);
                continue;
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
                case "--format": format = value; break;
                case "--batch-size" when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var size) && size > 0:
                    batchSize = size;
                    break;
                case "--profile" when CalculationProfiles.TryParse(value, out var parsed):
                    profile = parsed;
                    break;
                case "--lang" when Empreinte.Application.Reporting.ReportText.Languages.Contains(value):
                    language = value;
                    break;
                case "--lang":
                    problem = $"--lang must be 'en' or 'fr', not '{value}'.";
                    return false;
                case "--profile":
                    problem = $"--profile must be 'default' or 'ccf', not '{value}'.";
                    return false;
                case "--batch-size":
                    problem = $"--batch-size must be a positive whole number, not '{value}'.";
                    return false;
                default:
                    problem = $"unknown option {arg}.";
                    return false;
            }
        }

        if (inputs.Count == 0)
        {
            problem = "estimate needs at least one export file.";
            return false;
        }

        if (output is null)
        {
            problem = "estimate needs --out DIR (where summary.json, lines.csv and unmapped.csv go).";
            return false;
        }

        options = new EstimateOptions(inputs, output, tables, format, batchSize, profile) { Language = language };
        problem = "";
        return true;
    }
}
