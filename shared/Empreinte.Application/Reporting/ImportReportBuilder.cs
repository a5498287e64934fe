using Empreinte.Application.Importing;
using Empreinte.Application.Results;
using Empreinte.Contracts;
using Empreinte.Domain;
using Empreinte.Domain.Calculators;
using Empreinte.Domain.Calculators.Ccf;
using Empreinte.Domain.Factors;
using Empreinte.Domain.Recommendations;
using Empreinte.Domain.Usage;

namespace Empreinte.Application.Reporting;

/// <summary>
/// The summary, recommendations and report.html of one import, for hosts whose calculators run
/// elsewhere (<c>serve</c> with its workers, the Functions app behind Service Bus). It sees the
/// import's batches as they are published and estimates each line with the same calculators and
/// the same rule as <see cref="Calculators.CalculatorConsumer{TEstimate}"/> (pure functions of the
/// line, the factor set and the profile, so the numbers are the workers'). Memory grows with distinct
/// groups, not lines (<see cref="FootprintAggregator"/>); a batch seen twice counts once. Thread-safe.
/// </summary>
public sealed class ImportReportBuilder(FactorSet factors)
{
    private readonly Lock _lock = new();
    private readonly FootprintAggregator _aggregate = new();
    private readonly HashSet<int> _batches = [];
    private CalculationProfile _profile = CalculationProfile.Default;

    public void Add(UsageBatchParsed batch)
    {
        if (!CalculationProfiles.TryParse(batch.Profile, out var profile))
            throw new InvalidOperationException($"batch {batch.BatchNumber} of import {batch.ImportId} asks for unknown profile '{batch.Profile}'.");
        Add(batch.BatchNumber, batch.Lines, profile);
    }

    public void Add(int batchNumber, IReadOnlyList<UsageLine> lines, CalculationProfile profile)
    {
        // Estimated outside the lock: batches of one import may arrive from several threads.
        var methodology = Methodologies.For(profile);
        var results = new LineResult[lines.Count];
        for (var i = 0; i < results.Length; i++)
        {
            var line = lines[i];
            if (!methodology.Covers(line))
            {
                results[i] = new LineResult(line, EnergyEstimate.None, WaterEstimate.None, MaterialsEstimate.None);
                continue;
            }

            var estimate = methodology.Estimate(line, factors);
            results[i] = new LineResult(line, estimate.Energy, estimate.Water, estimate.Materials);
        }

        lock (_lock)
        {
            if (!_batches.Add(batchNumber)) return;
            _profile = profile;
            foreach (var result in results) _aggregate.Add(result);
        }
    }

    /// <summary>The import's summary (with its recommendations) once ingestion has reported what it read.</summary>
    public ImportReportResult Complete(ImportReport report)
    {
        lock (_lock)
        {
            var recommendations = RecommendationEngine.Recommend(_aggregate.Report.Candidates, factors, _profile);
            var summary = SummaryDocument.From(report, _aggregate, factors.Version, []) with { Recommendations = recommendations };
            return new ImportReportResult(summary, _aggregate);
        }
    }
}

/// <summary>An import's summary and what its report is drawn from.</summary>
public sealed record ImportReportResult(SummaryDocument Summary, FootprintAggregator Aggregate)
{
    /// <summary>report.html in <paramref name="language"/>: the page <c>estimate</c> writes.</summary>
    public string Html(string language) => ReportHtml.Render(Summary, Aggregate, Aggregate.Report, Summary.Recommendations, language);

    /// <summary>The months the import's lines cover, yyyyMM, first and last (null without dated lines).</summary>
    public (string? First, string? Last) Months()
    {
        var months = Aggregate.Report.ByMonth.Keys.Where(k => k.Length == 7 && k[4] == '-').Select(k => k.Remove(4, 1)).Order(StringComparer.Ordinal).ToList();
        return months.Count == 0 ? (null, null) : (months[0], months[^1]);
    }
}
