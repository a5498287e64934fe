using Empreinte.Contracts;
using Empreinte.Domain;
using Empreinte.Domain.Calculators;
using Empreinte.Domain.Classification;
using Empreinte.Domain.Factors;
using Empreinte.Domain.Usage;

namespace Empreinte.Application.Estimating;

/// <summary>
/// Classifies and estimates usage records once per distinct key: every field the classifier and
/// the calculators read (provider, service, meter, SKU details, instance type, unit, region, AI
/// model, quantity and cost, the charge month), under one factor set and profile. Lines that
/// share a key share their classification and their three estimates; only the fields copied
/// through unread (source, row, accounts, resource, charge period, tags) are taken from each
/// record. The key holds the quantity itself rather than scaling a per-unit estimate: q × coef(1)
/// differs from calc(q) in the last bits, and the outputs must not change by a byte.
/// One per pipeline run: <see cref="Classify"/> from one thread, the estimates from one other
/// thread (each entry's estimates are only touched there, after the entry was handed over).
/// </summary>
public sealed class KeyedLineEstimator(FactorSet factors, CalculationProfile profile)
{
    /// <summary>
    /// Keys kept at most. A key and its estimates weigh about 2 KB, so this bounds the cache near
    /// 8 MB whatever the export; once full, only keys that repeated since the last eviction stay
    /// (at most half), so one-off quantities (data transfer, storage) do not push out the machines
    /// that recur every hour.
    /// </summary>
    public const int MaxKeys = 4_096;

    private readonly UsageClassifier _classifier = new(factors);
    private readonly IMethodology _methodology = Methodologies.For(profile);
    private readonly Dictionary<UsageRecord, Entry> _byKey = [];

    public FactorSet Factors => factors;

    /// <summary>Lookups answered from the cache, and keys classified (for benchmarks and tests).</summary>
    public long Hits { get; private set; }

    public long Misses { get; private set; }

    /// <summary>The classified line of <paramref name="record"/> and the entry its estimates come from.</summary>
    public (UsageLine Line, Entry Entry) Classify(UsageRecord record)
    {
        if (!HasPlainNumbers(record))
        {
            Misses++;
            var alone = _classifier.Classify(record);
            return (alone, new Entry(alone, IsEstimated(alone)));
        }

        var key = KeyOf(record);
        if (_byKey.TryGetValue(key, out var known))
        {
            Hits++;
            known.Uses++;
            return (WithOwnFields(known.Line, record), known);
        }

        Misses++;
        var line = _classifier.Classify(record);
        var entry = new Entry(line, IsEstimated(line));
        if (_byKey.Count >= MaxKeys) Evict();
        _byKey.Add(key, entry);
        return (line, entry);
    }

    private void Evict()
    {
        var kept = 0;
        foreach (var (key, entry) in _byKey)
        {
            if (entry.Uses > 1 && kept < MaxKeys / 2) kept++;
            else _byKey.Remove(key);
            entry.Uses = 1;
        }
    }

    public EnergyEstimate Energy(Entry entry) =>
        entry.Energy ??= entry.Estimated ? _methodology.Energy(entry.Line, factors) : EnergyEstimate.None;

    public WaterEstimate Water(Entry entry) =>
        entry.Water ??= entry.Estimated ? _methodology.Water(entry.Line, factors) : WaterEstimate.None;

    public MaterialsEstimate Materials(Entry entry) =>
        entry.Materials ??= entry.Estimated ? _methodology.Materials(entry.Line, factors) : MaterialsEstimate.None;

    /// <summary>As the calculator consumers decide it: what the methodology covers (CCF's also covers lines its code estimates where Empreinte's classifier has no model).</summary>
    private bool IsEstimated(UsageLine line) => _methodology.Covers(line);

    /// <summary>
    /// The record with the fields nobody reads blanked, and the charge start cut to its month (CCF
    /// spreads monthly storage over the month's days). Every other field stays in the key, so a
    /// field a classifier rule starts reading tomorrow can only lower the hit rate, never mix lines.
    /// </summary>
    private static UsageRecord KeyOf(UsageRecord record) => record with
    {
        SourceFile = "",
        SourceRow = 0,
        BillingAccountId = null,
        SubAccountId = null,
        SubAccountName = null,
        ResourceId = null,
        ChargePeriodStart = record.ChargePeriodStart is { } start ? new DateTimeOffset(start.UtcDateTime.Year, start.UtcDateTime.Month, 1, 0, 0, 0, TimeSpan.Zero) : null,
        ChargePeriodEnd = null,
        Tags = null,
    };

    /// <summary>The cached line with this record's own copied fields (and its own cost and quantity text: 1.0 and 1.00 share a key).</summary>
    private static UsageLine WithOwnFields(UsageLine line, UsageRecord record) => line with
    {
        SourceFile = record.SourceFile,
        SourceRow = record.SourceRow,
        BillingAccountId = record.BillingAccountId,
        SubAccountId = record.SubAccountId,
        SubAccountName = record.SubAccountName,
        ResourceId = record.ResourceId,
        ChargePeriodStart = record.ChargePeriodStart,
        ChargePeriodEnd = record.ChargePeriodEnd,
        Quantity = record.Quantity,
        Cost = record.Cost,
        Currency = record.Currency,
        Tags = record.Tags,
    };

    /// <summary>
    /// Equality treats -0 as 0 and NaN as NaN, whose results print differently: such records are
    /// classified on their own, never from the cache.
    /// </summary>
    private static bool HasPlainNumbers(UsageRecord record) =>
        Plain(record.Quantity) && Plain(record.MemoryGb) && Plain(record.DiskSizeGb) && Plain(record.InputTokens) && Plain(record.OutputTokens);

    private static bool Plain(double? value) => value is not { } v || (!double.IsNaN(v) && !(v == 0 && double.IsNegative(v)));

    /// <summary>A classified line and its estimates, computed on first use.</summary>
    public sealed class Entry(UsageLine line, bool estimated)
    {
        public UsageLine Line { get; } = line;

        /// <summary>Whether the calculators run on it (mapped, or covered by the CCF profile); otherwise its estimates are zero.</summary>
        public bool Estimated { get; } = estimated;

        internal EnergyEstimate? Energy { get; set; }
        internal WaterEstimate? Water { get; set; }
        internal MaterialsEstimate? Materials { get; set; }

        /// <summary>Lookups since the last eviction.</summary>
        internal int Uses { get; set; } = 1;
    }
}
