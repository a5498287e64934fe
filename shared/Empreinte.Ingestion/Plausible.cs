using Empreinte.Domain.Usage;

namespace Empreinte.Ingestion;

/// <summary>
/// The bounds a billing line's numbers and dates must lie within, or the row is rejected with the
/// reason: a value past them is a damaged or misparsed cell (a cost of 1e29, a quantity of 1e308 that
/// turns totals into infinity, a date in year 9999), not a real charge. The bounds are far from any
/// real line: the largest single-line charges seen in real exports are around 1e7 in any currency.
/// Negative quantities and costs stay accepted: they are corrections (refunds, re-ratings) and are
/// counted apart, never dropped.
/// </summary>
public static class Plausible
{
    /// <summary>Largest cost magnitude of one line, in the export's currency (10¹², so also in yen, won or rupiah).</summary>
    public const decimal MaxCost = 1_000_000_000_000m;

    /// <summary>Largest quantity magnitude of one line, in its unit once blocks are multiplied out (10¹⁸: bytes, requests).</summary>
    public const double MaxQuantity = 1e18;

    /// <summary>Largest token count of one line (10¹⁵).</summary>
    public const double MaxTokens = 1e15;

    /// <summary>The years a charge period may lie in: public cloud billing starts in 2006; 2000–2100 leaves room either side.</summary>
    public const int FirstYear = 2000;

    public const int LastYear = 2100;

    /// <summary>Why <paramref name="record"/> is not plausible (field and reason), or null when it is.</summary>
    public static RowError? Check(UsageRecord record)
    {
        if (decimal.Abs(record.Cost) > MaxCost)
            return Error(record, "Cost", $"a cost of {record.Cost:E3} is beyond ±{MaxCost:E0}: a damaged or misread cell?");
        if (record.Quantity is { } quantity && !(Math.Abs(quantity) <= MaxQuantity))
            return Error(record, "Quantity", $"a quantity of {quantity:E3} {record.QuantityUnit} is beyond ±{MaxQuantity:E0} (blocks multiplied out): a damaged or misread cell?");
        if (record.InputTokens is { } input && !(Math.Abs(input) <= MaxTokens))
            return Error(record, "InputTokens", $"{input:E3} input tokens is beyond ±{MaxTokens:E0}");
        if (record.OutputTokens is { } output && !(Math.Abs(output) <= MaxTokens))
            return Error(record, "OutputTokens", $"{output:E3} output tokens is beyond ±{MaxTokens:E0}");
        if (OutOfWindow(record.ChargePeriodStart) is { } start)
            return Error(record, "ChargePeriodStart", $"a charge period starting in year {start} is outside {FirstYear}–{LastYear}");
        if (OutOfWindow(record.ChargePeriodEnd) is { } end)
            return Error(record, "ChargePeriodEnd", $"a charge period ending in year {end} is outside {FirstYear}–{LastYear}");
        if (record.ChargePeriodStart > record.ChargePeriodEnd)
            return Error(record, "ChargePeriodStart", $"the charge period starts ({record.ChargePeriodStart:u}) after it ends ({record.ChargePeriodEnd:u})");
        return null;
    }

    private static int? OutOfWindow(DateTimeOffset? date) => date is { Year: < FirstYear or > LastYear } d ? d.Year : null;

    private static RowError Error(UsageRecord record, string field, string message) => new(record.SourceFile, record.SourceRow, field, message);
}
