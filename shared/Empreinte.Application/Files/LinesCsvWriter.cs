using System.Buffers;
using System.Globalization;
using System.Text;
using Empreinte.Application.Results;
using Empreinte.Domain;

namespace Empreinte.Application.Files;

/// <summary>
/// Writes the rows of lines.csv (<see cref="LinesCsv"/>) to a stream, as UTF-8 without a BOM. Rows
/// are formatted straight to UTF-8 into one reused buffer, written out when it is nearly full: this
/// runs for every line of the export, and formatting each number to a string of its own, then
/// encoding it, was the sink's main cost (docs/benchmarks.md). The bytes are exactly those of
/// <c>ToString("R")</c> for quantities, <c>ToString("G7")</c> for estimates (<see cref="SevenDigits"/>),
/// <c>ToString()</c> and the date format through a UTF-8 <see cref="StreamWriter"/>.
/// Not thread-safe: one per output file, callers serialise.
/// </summary>
public sealed class LinesCsvWriter(Stream stream)
{
    /// <summary>Written out once this full; a row is under a kilobyte, so a row rarely makes the buffer grow.</summary>
    private const int WriteOutAt = 60 * 1024;

    private static readonly UTF8Encoding s_utf8 = new(encoderShouldEmitUTF8Identifier: false);
    private static readonly SearchValues<byte> s_quotedBytes = SearchValues.Create(",\"\r\n"u8);
    private static readonly SearchValues<byte> s_formulaStarts = SearchValues.Create("=+-@\t\r"u8);

    /// <summary>As <see cref="CsvField.Encode"/> (formulas neutralised, RFC 4180 quoting); cached per string by <see cref="EncodedFields"/>.</summary>
    private static readonly Func<string, byte[]> s_encodeField = value => s_utf8.GetBytes(CsvField.Encode(value));

    private readonly RoundTripNumbers _numbers = new();
    private readonly EncodedFields _fields = new();
    private readonly byte[] _lastTimestampText = new byte[32];
    private byte[] _buffer = new byte[64 * 1024];
    private int _length;
    private DateTime _lastTimestamp;
    private int _lastTimestampLength;

    public void WriteHeader()
    {
        Append(string.Join(',', LinesCsv.Header));
        Append((byte)'\n');
    }

    /// <summary>Writes out what is buffered and flushes the stream.</summary>
    public void Flush()
    {
        stream.Write(_buffer, 0, _length);
        _length = 0;
        stream.Flush();
    }

    public void WriteRow(LineResult result, string factorSetVersion)
    {
        if (_length >= WriteOutAt)
        {
            stream.Write(_buffer, 0, _length);
            _length = 0;
        }

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
        Estimate(e.Breakdown.CpuKwh); Estimate(e.Breakdown.MemoryKwh); Estimate(e.Breakdown.GpuKwh);
        Estimate(e.Breakdown.StorageKwh); Estimate(e.Breakdown.NetworkKwh); Estimate(e.Breakdown.OtherKwh);
        Estimate(e.Utilisation); Estimate(e.Pue);
        Estimate(result.Water.OnSiteLitres.Central); Estimate(result.Water.OffSiteLitres.Central);
        Text(l.Status); Text(l.Reason);
        Flags(l.Flags, e.Flags, result.Water.Flags, result.Materials.Flags);
        Text(factorSetVersion, last: true);
        Append((byte)'\n');
    }

    private Span<byte> Free => _buffer.AsSpan(_length);

    private void Append(byte b)
    {
        if (_length == _buffer.Length) Grow(1);
        _buffer[_length++] = b;
    }

    private void Append(ReadOnlySpan<char> text)
    {
        var most = s_utf8.GetMaxByteCount(text.Length);
        if (most > _buffer.Length - _length) Grow(most);
        _length += s_utf8.GetBytes(text, Free);
    }

    private void Text(string? value, bool last = false)
    {
        if (!string.IsNullOrEmpty(value)) Append(_fields.For(value, s_encodeField));
        if (!last) Append((byte)',');
    }

    private void Append(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length > _buffer.Length - _length) Grow(bytes.Length);
        bytes.CopyTo(Free);
        _length += bytes.Length;
    }

    private void Number(double? value)
    {
        if (value is { } v)
        {
            if (RoundTripNumbers.MaxLength > _buffer.Length - _length) Grow(RoundTripNumbers.MaxLength);
            _length += _numbers.Format(v, Free);
        }

        Append((byte)',');
    }

    private void Number(long value)
    {
        Format(value, default);
        Append((byte)',');
    }

    private void Number(decimal value)
    {
        Format(value, default);
        Append((byte)',');
    }

    /// <summary>An estimate, with seven significant digits (<see cref="SevenDigits"/>); empty when absent.</summary>
    private void Estimate(double? value)
    {
        if (value is { } v)
        {
            if (SevenDigits.MaxLength > _buffer.Length - _length) Grow(SevenDigits.MaxLength);
            _length += SevenDigits.Format(v, Free);
        }

        Append((byte)',');
    }

    private void Range(Uncertain value)
    {
        Estimate(value.Central);
        Estimate(value.Low);
        Estimate(value.High);
    }

    /// <summary>The instant in UTC as <c>yyyy-MM-ddTHH:mm:ssZ</c>, empty when absent.</summary>
    private void Timestamp(DateTimeOffset? value)
    {
        if (value is { } instant)
        {
            // Consecutive lines mostly share their charge hour: format it once per change.
            var utc = instant.UtcDateTime;
            if (utc != _lastTimestamp || _lastTimestampLength == 0)
            {
                _lastTimestamp = utc;
                utc.TryFormat(_lastTimestampText, out _lastTimestampLength, "yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
            }

            Append(_lastTimestampText.AsSpan(0, _lastTimestampLength));
        }

        Append((byte)',');
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
                if (_length > start) Append((byte)';');
                Append(flag);
            }
        }

        // The quoting and formula characters are ASCII, so testing the UTF-8 bytes is testing the text.
        var joinedFlags = _buffer.AsSpan(start, _length - start);
        if (joinedFlags.IndexOfAny(s_quotedBytes) >= 0 || (joinedFlags.Length > 0 && s_formulaStarts.Contains(joinedFlags[0])))
        {
            var joined = s_utf8.GetString(_buffer, start, _length - start);
            _length = start;
            Field(joined);
        }

        Append((byte)',');
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

    /// <summary>As <see cref="CsvField.Encode"/>; rare (a comma or a formula in a flag), so the copy is allocated.</summary>
    private void Field(string value) => Append(CsvField.Encode(value));

    private void Format<T>(T value, ReadOnlySpan<char> format) where T : IUtf8SpanFormattable
    {
        int written;
        while (!value.TryFormat(Free, out written, format, CultureInfo.InvariantCulture)) Grow(64);
        _length += written;
    }

    private void Grow(int needed) => Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _length + needed));
}
