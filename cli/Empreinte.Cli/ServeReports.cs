using System.Text;
using Azure.Data.Tables;
using Empreinte.Application.Importing;
using Empreinte.Application.Reporting;
using Empreinte.Domain.Factors;
using Empreinte.Tables;
using Microsoft.AspNetCore.Http;

namespace Empreinte.Cli;

/// <summary>
/// What <c>serve</c> keeps of each import beyond its <c>.import.json</c>: report.html in English and
/// French beside it in <c>done/</c> (<c>NAME.report.html</c>, <c>NAME.report.fr.html</c>), the page
/// <c>estimate</c> writes, built from the batches serve published (<see cref="ImportReportObserver"/>);
/// and, with <c>--tables</c>, the recommendations in <c>EmpreinteRecommendations</c>, keyed by the
/// import's source name (file name + content hash), so importing the same file again replaces them.
/// </summary>
internal sealed class ServeReports(FactorSet factors, string? tablesConnection)
{
    public ImportReportObserver Observer { get; } = new(factors);

    /// <summary>A new import id whose published batches are collected from now on.</summary>
    public Guid Begin()
    {
        var importId = Guid.NewGuid();
        Observer.Begin(importId);
        return importId;
    }

    public void Forget(Guid importId) => Observer.Forget(importId);

    /// <summary>Writes the import's reports (each to a temporary name, then renamed) and, with <c>--tables</c>, its recommendations.</summary>
    public async Task CompleteAsync(ImportReport report, string doneDirectory, string doneName, string source, CancellationToken cancellationToken)
    {
        var built = Observer.Complete(report) ?? throw new InvalidOperationException($"import {report.ImportId} was not begun by this host.");
        Directory.CreateDirectory(doneDirectory);
        foreach (var language in ReportText.Languages)
        {
            var path = Path.Combine(doneDirectory, FileName(doneName, language));
            await File.WriteAllTextAsync(path + ".tmp", built.Html(language), new UTF8Encoding(false), cancellationToken);
            File.Move(path + ".tmp", path, overwrite: true);
        }

        if (tablesConnection is not null)
            await new RecommendationsTable(new TableServiceClient(tablesConnection)).WriteAsync(built, [source], cancellationToken);
    }

    public static string FileName(string name, string language) => language == "en" ? name + ".report.html" : $"{name}.report.{language}.html";

    /// <summary><c>GET /imports/{name}/report</c>: the page, or why there is none.</summary>
    public static IResult Respond(string watchDirectory, string name, string language)
    {
        if (name != Path.GetFileName(name) || name.Length == 0) return Results.BadRequest(new { error = $"'{name}' is not an import name." });
        if (!ReportText.Languages.Contains(language))
            return Results.BadRequest(new { error = $"lang must be {string.Join(" or ", ReportText.Languages)}, not '{language}'." });
        var report = Path.Combine(watchDirectory, "done", FileName(name, language));
        if (File.Exists(report)) return Results.Text(File.ReadAllText(report), "text/html", Encoding.UTF8);
        if (File.Exists(Path.Combine(watchDirectory, "done", name + ".import.json")))
            return Results.NotFound(new { name, error = $"import '{name}' has no report: it was set aside as a copy of another import (see GET /imports/{name})." });
        if (File.Exists(Path.Combine(watchDirectory, "failed", name + ".error.txt")))
            return Results.Json(new { name, status = "failed", error = $"import '{name}' failed, so it has no report (see GET /imports/{name})." }, statusCode: 422);
        if (File.Exists(Path.Combine(watchDirectory, name)))
            return Results.Json(new { name, status = "queued", error = $"import '{name}' is not estimated yet; its report follows once it is done." }, statusCode: 202);
        return Results.NotFound(new { name, error = $"no import named '{name}' on this host." });
    }
}
