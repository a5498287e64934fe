using System.Globalization;
using Azure;
using Azure.Data.Tables;
using Empreinte.Application.Reporting;
using Empreinte.Domain.Recommendations;

namespace Empreinte.Tables;

/// <summary>
/// <c>EmpreinteRecommendations</c>: one flat entity per recommendation of an import, for Power BI
/// (docs/power-bi.md): kind, scope, from → to, affected lines/usage/cost, every criterion's saving
/// (<c>EnergyKwhSaving</c>, <c>…Low</c>, <c>…High</c>), confidence, rationale and trade-offs (English
/// and French), import id, sources and months. Writing an import's set replaces the previous set of
/// the same inputs (<see cref="RecommendationsKeys"/>): rows the new set no longer has are deleted.
/// </summary>
public sealed class RecommendationsTable(TableClient table)
{
    public const string DefaultName = "EmpreinteRecommendations";

    /// <summary>A string property holds 64 KiB of UTF-16: sources are listed up to this length.</summary>
    private const int _maxTextLength = 30_000;

    public RecommendationsTable(TableServiceClient service, string name = DefaultName)
        : this(service.GetTableClient(name))
    {
    }

    public TableClient Table { get; } = table;

    public async Task WriteAsync(ImportReportResult import, IReadOnlyList<string> sources, CancellationToken cancellationToken)
    {
        await Table.CreateIfNotExistsAsync(cancellationToken);
        var partition = RecommendationsKeys.PartitionKey(sources);
        var entities = Entities(import, sources, partition).DistinctBy(e => e.RowKey, StringComparer.Ordinal).ToList();
        var keep = entities.Select(e => e.RowKey).ToHashSet(StringComparer.Ordinal);
        var stale = new List<TableEntity>();
        await foreach (var row in Table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {partition}"), select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken))
        {
            if (!keep.Contains(row.RowKey)) stale.Add(row);
        }

        var actions = stale.Select(e => new TableTransactionAction(TableTransactionActionType.Delete, e, ETag.All))
            .Concat(entities.Select(e => new TableTransactionAction(TableTransactionActionType.UpsertReplace, e)));
        foreach (var chunk in actions.Chunk(TableBatchWriter.MaxPerTransaction))
            await Table.SubmitTransactionAsync(chunk, cancellationToken);
    }

    /// <summary>Every column name the table writes besides the keys, in order (docs/power-bi.md lists the same).</summary>
    public static IReadOnlyList<string> Columns { get; } =
    [
        "ImportId", "Sources", "MonthFrom", "MonthTo", "FactorSetVersion", "Profile", "Rank", "Kind", "ScopeLevel", "Provider", "SubAccount", "Service", "Region", "Model",
        "From", "To", "AffectedLines", "AffectedUsage", "AffectedUnit", "AffectedCost",
        .. Footprint.Criteria.SelectMany(c => new[] { Pascal(c.Name) + "Saving", Pascal(c.Name) + "SavingLow", Pascal(c.Name) + "SavingHigh" }),
        "Confidence", "Heuristic", "Rationale", "TradeOffs", "RationaleFr", "TradeOffsFr",
    ];

    private static IEnumerable<TableEntity> Entities(ImportReportResult import, IReadOnlyList<string> sources, string partition)
    {
        var summary = import.Summary;
        var (first, last) = import.Months();
        var sourceText = string.Join('\n', sources);
        var rank = 0;
        foreach (var r in summary.Recommendations)
        {
            var entity = new TableEntity(partition, RecommendationsKeys.RowKey(r))
            {
                ["ImportId"] = summary.ImportId.ToString(),
                ["Sources"] = sourceText.Length <= _maxTextLength ? sourceText : sourceText[.._maxTextLength],
                ["MonthFrom"] = first,
                ["MonthTo"] = last,
                ["FactorSetVersion"] = summary.FactorSetVersion,
                ["Profile"] = summary.Profile,
                ["Rank"] = ++rank,
                ["Kind"] = r.Kind,
                ["ScopeLevel"] = r.Scope.Level,
                ["Provider"] = r.Scope.Provider,
                ["SubAccount"] = r.Scope.SubAccount,
                ["Service"] = r.Scope.Service,
                ["Region"] = r.Scope.Region,
                ["Model"] = r.Scope.Model,
                ["From"] = r.From,
                ["To"] = r.To,
                ["AffectedLines"] = r.AffectedLines,
                ["AffectedUsage"] = r.AffectedUsage,
                ["AffectedUnit"] = r.AffectedUnit,
                ["AffectedCost"] = (double)r.AffectedCost,
                ["Confidence"] = r.Confidence,
                ["Heuristic"] = r.Heuristic,
                ["Rationale"] = r.RationaleText.Render("en"),
                ["TradeOffs"] = string.Join("; ", r.TradeOffTexts.Select(t => t.Render("en"))),
                ["RationaleFr"] = r.RationaleText.Render("fr"),
                ["TradeOffsFr"] = string.Join(" ; ", r.TradeOffTexts.Select(t => t.Render("fr"))),
            };
            foreach (var (name, _, value) in Footprint.Criteria)
            {
                var saving = value(r.Savings);
                entity[Pascal(name) + "Saving"] = saving.Central;
                entity[Pascal(name) + "SavingLow"] = saving.Low;
                entity[Pascal(name) + "SavingHigh"] = saving.High;
            }

            yield return entity;
        }
    }

    private static string Pascal(string camel) => string.Concat(char.ToUpperInvariant(camel[0]).ToString(CultureInfo.InvariantCulture), camel.AsSpan(1));
}
