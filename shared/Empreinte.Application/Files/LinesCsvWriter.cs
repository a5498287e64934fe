using System.Globalization;
using Empreinte.Application.Results;
using Empreinte.Domain;

namespace Empreinte.Application.Files;

/// <summary>
/// Writes the rows of lines.csv (<see cref="LinesCsv"/>) to one writer. Each row is formatted into
/// one reused buffer and handed to the writer in one call: this runs for every line of the export,
/// and formatting each number to a string of its own was the sink's main cost (docs/benchmarks.md).
/// The text is exactly what <c>ToString("R")</c>, <c>ToString()</c> and the date format give.
/// Not thread-safe: one per output file, callers serialise.
/// </summary>
public sealed class LinesCsvWriter(TextWriter writer)
{
    private readonly RoundTripNumbers _numbers = new();
    private char[] _row = new char[2048];
    private int _length;

    public void WriteHeader() => LinesCsv.WriteHeader(writer);

    public void WriteRow(LineResult result, string factorSetVersion)
    {
        _length = 0;
        var l = result.Line;
        var e = result.Energy;
        Text(l.SourceFile); Number(l.SourceRow); Text(l.Provider); Text(l.SubAccountId);
        Text(l.ResourceId); Text(l.ServiceName); Text(l.ServiceCategory); Text(l.RegionId);
        Timestamp(l.ChargePeriodStart);
        Text(l.UsageKind); Number(l.Quantity); Text(l.QuantityUnit);
        Number(l.Cost); Text(l.Currency);
        Range(e.EnergyKwh); Range(e.CarbonLocationKgCo2e); Range(e.CarbonMarketKgCo2e);
        Range(result.Materials.EmbodiedKgCo2e); Range(result.Water.WaterLitres);
        Range(result.Materials.AbioticDepletionKgSbEq); Range(result.Materials.EwasteKg);
        Number(e.Breakdown.CpuKwh); Number(e.Breakdown.MemoryKwh); Number(e.Breakdown.GpuKwh);
        Number(e.Breakdown.StorageKwh); Number(e.Breakdown.NetworkKwh); Number(e.Breakdown.OtherKwh);
        Number(e.Utilisation); Number(e.Pue);
        Number(result.Water.OnSiteLitres.Central); Number(result.Water.OffSiteLitres.Central);
        Text(l.Status); Text(l.Reason);
        Flags(l.Flags, e.Flags, result.Water.Flags, result.Materials.Flags);
        Text(factorSetVersion, last: true);
        Append('\n');
        writer.Write(_row, 0, _length);
    }

    private Span<char> Free => _row.AsSpan(_length);

    private void Append(char c)
    {
        if (_length == _row.Length) Grow(1);
        _row[_length++] = c;
    }

    private void Append(ReadOnlySpan<char> text)
    {
        if (text.Length > _row.Length - _length) Grow(text.Length);
        text.CopyTo(Free);
        _length += text.Length;
    }

    private void Text(string? value, bool last = false)
    {
        if (!string.IsNullOrEmpty(value)) Field(value);
        if (!last) Append(',');
    }

    private void Number(double? value)
    {
        if (value is { } v)
        {
            if (RoundTripNumbers.MaxLength > _row.Length - _length) Grow(RoundTripNumbers.MaxLength);
            _length += _numbers.Format(v, Free);
        }

        Append(',');
    }

    private void Number(long value)
    {
        Format(value, default);
        Append(',');
    }

    private void Number(decimal value)
    {
        Format(value, default);
        Append(',');
    }

    private void Range(Uncertain value)
    {
        Number(value.Central);
        Number(value.Low);
        Number(value.High);
    }

    /// <summary>The instant in UTC as <c>yyyy-MM-ddTHH:mm:ssZ</c>, empty when absent.</summary>
    private void Timestamp(DateTimeOffset? value)
    {
        if (value is { } instant) Format(instant.UtcDateTime, "yyyy-MM-dd'T'HH:mm:ss'Z'");
        Append(',');
    }

    /// <summary>Every flag of the line and of its three estimates, first occurrence kept, joined with ';' into one field.</summary>
    private void Flags(IReadOnlyList<string> line, IReadOnlyList<string> energy, IReadOnlyList<string> water, IReadOnlyList<string> materials)
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

        if (_row.AsSpan(start, _length - start).IndexOfAny(LinesCsv.NeedsQuotes) >= 0)
        {
            var joined = new string(_row, start, _length - start);
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

    /// <summary>RFC 4180, as <see cref="LinesCsv.Text"/>.</summary>
    private void Field(ReadOnlySpan<char> value)
    {
        if (value.IndexOfAny(LinesCsv.NeedsQuotes) < 0)
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
        while (!value.TryFormat(Free, out written, format, CultureInfo.InvariantCulture)) Grow(64);
        _length += written;
    }

    private void Grow(int needed) => Array.Resize(ref _row, Math.Max(_row.Length * 2, _length + needed));
}
