using System.Text;
using Empreinte.Application.Results;
using Empreinte.Domain.Recommendations;

namespace Empreinte.Application.Reporting;

/// <summary>
/// Writes recommendations.csv and report.html beside summary.json once an import is complete.
/// Each file is written to a temporary name and then renamed, so a reader never sees half a file.
/// </summary>
public static class ReportFiles
{
    public const string RecommendationsFile = "recommendations.csv";
    public const string ReportFile = "report.html";

    public static async Task WriteAsync(string directory, SummaryDocument summary, FootprintAggregator aggregate, string language, CancellationToken cancellationToken)
    {
        await WriteAtomicallyAsync(Path.Combine(directory, RecommendationsFile), RecommendationsCsv.Write(summary.Recommendations), cancellationToken);
        var html = ReportHtml.Render(summary, aggregate, aggregate.Report, summary.Recommendations, language);
        await WriteAtomicallyAsync(Path.Combine(directory, ReportFile), html, cancellationToken);
    }

    private static async Task WriteAtomicallyAsync(string path, string content, CancellationToken cancellationToken)
    {
        var temporary = path + ".tmp";
        await File.WriteAllTextAsync(temporary, content, new UTF8Encoding(false), cancellationToken);
        File.Move(temporary, path, overwrite: true);
    }
}
