using System.Globalization;

namespace Empreinte.Domain.Usage;

/// <summary>
/// Canonical units and the normalisation of the free-form units found in exports. A raw unit may
/// carry a block size (<c>10 Hours</c>, <c>1K</c>, <c>100 GB/Month</c>, <c>1M Tokens</c>): the quantity
/// is then in blocks and is multiplied out (billing-formats.md §2.4: Cost ≈ Quantity × EffectivePrice
/// holds on every consistent Azure sample only when Quantity is read in blocks).
/// </summary>
public static class Units
{
    public const string Hours = "Hours";
    public const string Seconds = "Seconds";
    public const string Gb = "GB";
    public const string GbMonths = "GB-Months";
    public const string GbHours = "GB-Hours";
    public const string GbSeconds = "GB-Seconds";
    public const string VCpuHours = "vCPU-Hours";
    public const string VCpuSeconds = "vCPU-Seconds";
    public const string GpuHours = "GPU-Hours";
    public const string Tokens = "Tokens";

    /// <summary>Characters of text (older Vertex AI generative SKUs bill per 1,000 characters, white space excluded).</summary>
    public const string Characters = "Characters";
    public const string Requests = "Requests";
    public const string Count = "Count";

    /// <summary>Count × months: a monthly-priced item such as an Azure managed disk (<c>1/Month</c>).</summary>
    public const string Months = "Months";

    /// <summary>Hours in an average month (8,760 h / 12), used to turn GB-months into GB-hours.</summary>
    public const double HoursPerMonth = 730;

    /// <summary>GB (10⁹ bytes) in one GiB (2³⁰ bytes).</summary>
    public const double GbPerGib = 1.073741824;

    /// <summary>Bytes in one TiB (2⁴⁰).</summary>
    public const double BytesPerTib = 1099511627776.0;

    private static readonly Dictionary<string, (double Factor, string Canonical)> s_known = new(StringComparer.OrdinalIgnoreCase)
    {
        ["hour"] = (1, Hours),
        ["hours"] = (1, Hours),
        ["hrs"] = (1, Hours),
        ["hr"] = (1, Hours),
        ["h"] = (1, Hours),
        ["/hour"] = (1, Hours),
        ["units/hour"] = (1, Hours),
        ["unit-hours"] = (1, Hours),
        ["instance-hours"] = (1, Hours),
        ["node hours"] = (1, Hours),
        ["node-hours"] = (1, Hours),
        ["second"] = (1, Seconds),
        ["seconds"] = (1, Seconds),
        ["s"] = (1, Seconds),
        ["minute"] = (1.0 / 60, Hours),
        ["minutes"] = (1.0 / 60, Hours),
        ["day"] = (24, Hours),
        ["days"] = (24, Hours),
        ["/day"] = (24, Hours),
        ["gb"] = (1, Gb),
        ["gigabyte"] = (1, Gb),
        ["gigabytes"] = (1, Gb),
        ["gib"] = (GbPerGib, Gb),
        ["tb"] = (1000, Gb),
        ["tib"] = (1024 * GbPerGib, Gb),
        ["mb"] = (0.001, Gb),
        ["bytes"] = (1e-9, Gb),
        ["byte"] = (1e-9, Gb),
        ["gb-months"] = (1, GbMonths),
        ["gb-month"] = (1, GbMonths),
        ["gb-mo"] = (1, GbMonths),
        ["gb/month"] = (1, GbMonths),
        ["gb months"] = (1, GbMonths),
        ["gb month"] = (1, GbMonths),
        ["gib-months"] = (GbPerGib, GbMonths),
        ["gib/month"] = (GbPerGib, GbMonths),
        ["gibibyte month"] = (GbPerGib, GbMonths),
        ["gigabyte month"] = (1, GbMonths),
        ["gigabyte-months"] = (1, GbMonths),
        ["tb/month"] = (1000, GbMonths),
        ["tb-months"] = (1000, GbMonths),
        ["tb-mo"] = (1000, GbMonths),
        ["gb-hours"] = (1, GbHours),
        ["gb hours"] = (1, GbHours),
        ["gb-hour"] = (1, GbHours),
        ["gib-hours"] = (GbPerGib, GbHours),
        ["gibibyte_hours"] = (GbPerGib, GbHours),
        ["gigabyte hours"] = (1, GbHours),
        ["gigabyte per hour"] = (1, GbHours),
        ["gb-seconds"] = (1, GbSeconds),
        ["gb-second"] = (1, GbSeconds),
        ["gb seconds"] = (1, GbSeconds),
        ["gb second"] = (1, GbSeconds),
        ["lambda-gb-seconds"] = (1, GbSeconds),
        ["gib-seconds"] = (GbPerGib, GbSeconds),
        ["gib seconds"] = (GbPerGib, GbSeconds),
        ["vcpu-hours"] = (1, VCpuHours),
        ["vcpu hours"] = (1, VCpuHours),
        ["vcpu-hour"] = (1, VCpuHours),
        ["core hours"] = (1, VCpuHours),
        ["vcore hours"] = (1, VCpuHours),
        ["vcpu-seconds"] = (1, VCpuSeconds),
        ["vcpu seconds"] = (1, VCpuSeconds),
        ["gpu-hours"] = (1, GpuHours),
        ["gpu hours"] = (1, GpuHours),
        ["token"] = (1, Tokens),
        ["tokens"] = (1, Tokens),
        ["character"] = (1, Characters),
        ["characters"] = (1, Characters),
        ["request"] = (1, Requests),
        ["requests"] = (1, Requests),
        ["api requests"] = (1, Requests),
        ["api request"] = (1, Requests),
        ["month"] = (1, Months),
        ["months"] = (1, Months),
        ["/month"] = (1, Months),
        ["units/month"] = (1, Months),
        ["count"] = (1, Count),
        ["unit"] = (1, Count),
        ["units"] = (1, Count),
        ["each"] = (1, Count),
    };

    /// <summary>
    /// Parses a raw unit into its block multiplier and canonical unit. Unknown units come back
    /// unchanged with multiplier 1 and <paramref name="known"/> false, so nobody silently guesses.
    /// </summary>
    public static (double Multiplier, string Unit) Normalise(string? raw, out bool known)
    {
        known = false;
        if (string.IsNullOrWhiteSpace(raw)) return (1, "");
        var text = raw.Trim();
        var multiplier = 1.0;

        // Leading block count: "10 Hours", "100 GB/Month", "1000000 Tokens", "1K", "10K", "1M Tokens".
        var i = 0;
        while (i < text.Length && (char.IsAsciiDigit(text[i]) || text[i] == '.')) i++;
        if (i > 0 && double.TryParse(text.AsSpan(0, i), NumberStyles.Float, CultureInfo.InvariantCulture, out var block))
        {
            multiplier = block;
            var rest = text[i..].TrimStart();
            if (rest.Length > 0 && (rest[0] is 'K' or 'k' or 'M' or 'B') && (rest.Length == 1 || !char.IsLetter(rest[1])))
            {
                multiplier *= rest[0] switch { 'K' or 'k' => 1e3, 'M' => 1e6, _ => 1e9 };
                rest = rest[1..].TrimStart();
            }
            text = rest.Length == 0 ? "Count" : rest;
        }

        if (s_known.TryGetValue(text, out var entry))
        {
            known = true;
            return (multiplier * entry.Factor, entry.Canonical);
        }

        // "1K Tokens" style already stripped; tolerate a leading slash or plural "s" variants.
        var trimmed = text.TrimStart('/').Trim();
        if (s_known.TryGetValue(trimmed, out entry))
        {
            known = true;
            return (multiplier * entry.Factor, entry.Canonical);
        }

        return (multiplier, text);
    }
}
