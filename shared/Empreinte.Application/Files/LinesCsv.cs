using System.Buffers;
using System.Globalization;
using Empreinte.Application.Results;
using Empreinte.Domain;

namespace Empreinte.Application.Files;

/// <summary>
/// lines.csv: one row per input usage line with every criterion's central, low and high value,
/// the energy breakdown, status, reason, flags and factor-set version (DESIGN.md output contract).
/// </summary>
public static class LinesCsv
{
    private static readonly string[] s_criteria =
        ["energyKwh", "carbonLocationKgCo2e", "carbonMarketKgCo2e", "embodiedKgCo2e", "waterLitres", "abioticDepletionKgSbEq", "ewasteKg"];

    private static readonly SearchValues<char> s_needsQuotes = SearchValues.Create(",\"\r\n");

    public static IReadOnlyList<string> Header { get; } =
    [
        "sourceFile", "sourceRow", "provider", "subAccountId", "resourceId", "serviceName", "serviceCategory", "regionId",
        "chargePeriodStart", "usageKind", "quantity", "unit", "cost", "currency",
        .. s_criteria.SelectMany(c => new[] { c, c + "Low", c + "High" }),
        "cpuKwh", "memoryKwh", "gpuKwh", "storageKwh", "networkKwh", "otherKwh", "utilisation", "pue",
        "waterOnSiteLitres", "waterOffSiteLitres",
        "status", "reason", "flags", "factorSetVersion",
    ];

    public static void WriteHeader(TextWriter writer) => writer.Write(string.Join(',', Header) + "\n");

    /// <summary>
    /// Formats the row into one pooled buffer and hands it to the writer in one call: this runs for
    /// every line of the export, and formatting each number to its own string was the sink's main
    /// cost (docs/benchmarks.md). The text is the same as <c>ToString("R")</c> and friends give.
    /// </summary>
    public static void WriteRow(TextWriter writer, LineResult result, string factorSetVersion)
    {
        var row = new RowBuffer(1024);
        try
        {
            var l = result.Line;
            var e = result.Energy;
            row.Text(l.SourceFile); row.Number(l.SourceRow); row.Text(l.Provider); row.Text(l.SubAccountId);
            row.Text(l.ResourceId); row.Text(l.ServiceName); row.Text(l.ServiceCategory); row.Text(l.RegionId);
            row.Timestamp(l.ChargePeriodStart);
            row.Text(l.UsageKind); row.Number(l.Quantity); row.Text(l.QuantityUnit);
            row.Number(l.Cost); row.Text(l.Currency);
            row.Range(e.EnergyKwh); row.Range(e.CarbonLocationKgCo2e); row.Range(e.CarbonMarketKgCo2e);
            row.Range(result.Materials.EmbodiedKgCo2e); row.Range(result.Water.WaterLitres);
            row.Range(result.Materials.AbioticDepletionKgSbEq); row.Range(result.Materials.EwasteKg);
            row.Number(e.Breakdown.CpuKwh); row.Number(e.Breakdown.MemoryKwh); row.Number(e.Breakdown.GpuKwh);
            row.Number(e.Breakdown.StorageKwh); row.Number(e.Breakdown.NetworkKwh); row.Number(e.Breakdown.OtherKwh);
            row.Number(e.Utilisation); row.Number(e.Pue);
            row.Number(result.Water.OnSiteLitres.Central); row.Number(result.Water.OffSiteLitres.Central);
            row.Text(l.Status); row.Text(l.Reason);
            row.Flags(l.Flags, e.Flags, result.Water.Flags, result.Materials.Flags);
            row.Text(factorSetVersion, last: true);
            row.Append('\n');
            writer.Write(row.Written);
        }
        finally
        {
            row.Dispose();
        }
    }

    /// <summary>RFC 4180: quote fields holding a separator, a quote or a line break; double the quotes.</summary>
    public static void Text(TextWriter writer, string? value, bool last = false)
    {
        if (!string.IsNullOrEmpty(value))
        {
            if (value.AsSpan().IndexOfAny(s_needsQuotes) >= 0) writer.Write("\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"");
            else writer.Write(value);
        }

        if (!last) writer.Write(',');
    }

    /// <summary>One row's characters in an array from the shared pool, grown when a field does not fit.</summary>
    private struct RowBuffer(int capacity) : IDisposable
    {
        private char[] _chars = ArrayPool<char>.Shared.Rent(capacity);
        private int _length;

        public readonly ReadOnlySpan<char> Written => _chars.AsSpan(0, _length);

        public void Append(char c)
        {
            if (_length == _chars.Length) Grow(1);
            _chars[_length++] = c;
        }

        public void Append(ReadOnlySpan<char> text)
        {
            if (_length + text.Length > _chars.Length) Grow(text.Length);
            text.CopyTo(_chars.AsSpan(_length));
            _length += text.Length;
        }

        public void Text(string? value, bool last = false)
        {
            if (!string.IsNullOrEmpty(value)) Field(value);
            if (!last) Append(',');
        }

        public void Number(double? value)
        {
            if (value is { } v) Format(v, "R");
            Append(',');
        }

        public void Number(long value)
        {
            Format(value, default);
            Append(',');
        }

        public void Number(decimal value)
        {
            Format(value, default);
            Append(',');
        }

        public void Range(Uncertain value)
        {
            Number(value.Central);
            Number(value.Low);
            Number(value.High);
        }

        /// <summary>The instant in UTC as <c>yyyy-MM-ddTHH:mm:ssZ</c>, empty when absent.</summary>
        public void Timestamp(DateTimeOffset? value)
        {
            if (value is { } instant) Format(instant.UtcDateTime, "yyyy-MM-dd'T'HH:mm:ss'Z'");
            Append(',');
        }

        /// <summary>Every flag of the line and its three estimates, first occurrence kept, joined with ';' (one field).</summary>
        public void Flags(IReadOnlyList<string> line, IReadOnlyList<string> energy, IReadOnlyList<string> water, IReadOnlyList<string> materials)
        {
            var start = _length;
            ReadOnlySpan<IReadOnlyList<string>> lists = [line, energy, water, materials];
            for (var list = 0; list < lists.Length; list++)
            {
                for (var i = 0; i < lists[list].Count; i++)
                {
                    var flag = lists[list][i];
                    if (SeenBefore(lists, list, i, flag)) continue;
                    if (_length > start) Append(';');
                    Append(flag);
                }
            }

            if (_length > start && Written[start..].IndexOfAny(s_needsQuotes) >= 0)
            {
                var joined = Written[start..].ToString();
                _length = start;
                Field(joined);
            }

            Append(',');
        }

        private static bool SeenBefore(ReadOnlySpan<IReadOnlyList<string>> lists, int list, int index, string flag)
        {
            for (var l = 0; l <= list; l++)
            {
                var count = l == list ? index : lists[l].Count;
                for (var i = 0; i < count; i++)
                {
                    if (string.Equals(lists[l][i], flag, StringComparison.Ordinal)) return true;
                }
            }

            return false;
        }

        private void Field(ReadOnlySpan<char> value)
        {
            if (value.IndexOfAny(s_needsQuotes) < 0)
            {
                Append(value);
                return;
            }

            Append('"');
            foreach (var c in value)
            {
                if (c == '"') Append('"');
                Append(c);
            }

            Append('"');
        }

        private void Format<T>(T value, ReadOnlySpan<char> format) where T : ISpanFormattable
        {
            int written;
            while (!value.TryFormat(_chars.AsSpan(_length), out written, format, CultureInfo.InvariantCulture)) Grow(64);
            _length += written;
        }

        private void Grow(int needed)
        {
            var larger = ArrayPool<char>.Shared.Rent(Math.Max(_chars.Length * 2, _length + needed));
            Written.CopyTo(larger);
            ArrayPool<char>.Shared.Return(_chars);
            _chars = larger;
        }

        public readonly void Dispose() => ArrayPool<char>.Shared.Return(_chars);
    }
}
