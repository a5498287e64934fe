using System.Globalization;
using Empreinte.Application.Results;
using Empreinte.Domain.Recommendations;
using Empreinte.Domain.Usage;

namespace Empreinte.Application.Reporting;

/// <summary>
/// What report.html and the recommendations need beyond summary.json, accumulated line by line
/// with memory bounded by distinct groups: totals by month, sub-account, service, resource (the
/// first <see cref="MaxResources"/>), AI model and assumption flag, and the recommendation
/// candidate groups. Not thread-safe: callers serialise.
/// </summary>
public sealed class ReportAggregate
{
    public const int MaxResources = 20_000;
    public const string OtherResources = "(other resources)";

    public Dictionary<string, FootprintTotals> ByMonth { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, FootprintTotals> BySubAccount { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, FootprintTotals> ByService { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, FootprintTotals> ByResource { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, FootprintTotals> ByAiModel { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, double> AiTokensByModel { get; } = new(StringComparer.Ordinal);

    /// <summary>Lines and totals of the lines that carry each assumption flag: the assumptions that weigh most.</summary>
    public Dictionary<string, FootprintTotals> ByFlag { get; } = new(StringComparer.Ordinal);

    public RecommendationCandidates Candidates { get; } = new();

    public void Add(LineResult result)
    {
        var line = result.Line;
        if (line.Status == LineStatuses.Excluded) return;
        Candidates.Add(line);
        Totals(ByMonth, line.ChargePeriodStart?.ToString("yyyy-MM", CultureInfo.InvariantCulture) ?? "(no date)").Add(result);
        Totals(BySubAccount, line.SubAccountName ?? line.SubAccountId ?? "(none)").Add(result);
        Totals(ByService, line.ServiceName ?? "(none)").Add(result);
        var resource = line.ResourceId ?? "(none)";
        Totals(ByResource, ByResource.Count < MaxResources || ByResource.ContainsKey(resource) ? resource : OtherResources).Add(result);
        if (line.UsageKind == UsageKinds.AiTokens)
        {
            var model = line.AiModel ?? "(unknown model)";
            Totals(ByAiModel, model).Add(result);
            AiTokensByModel[model] = AiTokensByModel.GetValueOrDefault(model) + (line.InputTokens ?? 0) + (line.OutputTokens ?? 0);
        }

        // By index into one reused list: this runs for every line of an export.
        _flags.Clear();
        AddFlags(result.Energy.Flags);
        AddFlags(result.Water.Flags);
        AddFlags(result.Materials.Flags);
        AddFlags(line.Flags);
        for (var i = 0; i < _flags.Count; i++) Totals(ByFlag, _flags[i]).Add(result);
    }

    private readonly List<string> _flags = [];

    private void AddFlags(IReadOnlyList<string> flags)
    {
        for (var i = 0; i < flags.Count; i++)
        {
            if (!_flags.Contains(flags[i])) _flags.Add(flags[i]);
        }
    }

    private static FootprintTotals Totals(Dictionary<string, FootprintTotals> map, string key)
    {
        if (!map.TryGetValue(key, out var totals)) map[key] = totals = new FootprintTotals();
        return totals;
    }
}
