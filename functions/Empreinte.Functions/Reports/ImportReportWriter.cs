using System.Text;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Empreinte.Application.Reporting;
using Empreinte.Tables;

namespace Empreinte.Functions.Reports;

/// <summary>
/// What the Functions app keeps of an import beyond the result tables: its report.html in English
/// and French (blobs <c>{import id}/report.{lang}.html</c> in the <c>reports</c> container, the page
/// <c>estimate</c> writes) and its recommendations in <c>EmpreinteRecommendations</c>.
/// </summary>
public sealed class ImportReportWriter(BlobContainerClient reports, RecommendationsTable recommendations)
{
    public const string DefaultContainer = "reports";

    public async Task WriteAsync(ImportReportResult import, IReadOnlyList<string> sources, CancellationToken cancellationToken)
    {
        await reports.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        foreach (var language in ReportText.Languages)
        {
            var blob = reports.GetBlobClient(BlobName(import.Summary.ImportId, language));
            await blob.UploadAsync(
                BinaryData.FromString(import.Html(language)),
                new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = "text/html; charset=utf-8" } },
                cancellationToken);
        }

        await recommendations.WriteAsync(import, sources, cancellationToken);
    }

    /// <summary>The import's report in <paramref name="language"/>, or null when none was written.</summary>
    public async Task<string?> FindAsync(Guid importId, string language, CancellationToken cancellationToken)
    {
        try
        {
            var content = await reports.GetBlobClient(BlobName(importId, language)).DownloadContentAsync(cancellationToken);
            return Encoding.UTF8.GetString(content.Value.Content.ToMemory().Span);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    public static string BlobName(Guid importId, string language) => $"{importId:N}/report.{language}.html";
}
