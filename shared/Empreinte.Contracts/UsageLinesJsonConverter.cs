using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Empreinte.Contracts;

/// <summary>
/// The wire form of a batch's lines: the column names once, one table of the batch's distinct
/// strings, and each line as one JSON string of comma-separated values in column order, strings
/// as indexes into the table, numbers in their round-trip text, nothing for null:
/// <code>{"columns":["sourceFile","sourceRow",…],"strings":["f.csv","AWS",…],"rows":["0,1,1,,2,…",…]}</code>
/// A batch repeats the same provider, account, service, region, unit, flags and hour on most of
/// its lines, and every transport that carries <see cref="UsageBatchParsed"/> with
/// System.Text.Json parses the whole message once more for its envelope (MassTransit's RabbitMQ
/// and in-memory transports; Service Bus and claim checks use the same converter). One string per
/// line instead of one object of 43 properties makes the message several times smaller, makes it
/// a thousand JSON tokens instead of about fifty thousand, and allocates each distinct string
/// once per batch when read (docs/benchmarks.md, "Output floor, seven digits and the wire form").
/// Reading is by column name: a column this version does not know is skipped, a missing one
/// stays null. An array of line objects (the form before this converter) is still read.
/// </summary>
public sealed class UsageLinesJsonConverter : JsonConverter<IReadOnlyList<UsageLine>>
{
    private const byte Separator = (byte)',';
    private const byte FlagSeparator = (byte)';';

    /// <summary>Every <see cref="UsageLine"/> property, in the order each row holds them.</summary>
    private enum Column
    {
        SourceFile, SourceRow, Provider, BillingAccountId, SubAccountId, SubAccountName, ResourceId,
        ServiceName, ServiceCategory, RegionId, ChargePeriodStart, ChargePeriodEnd, ChargeCategory,
        SkuMeter, InstanceType, Quantity, QuantityUnit, Cost, Currency, Tags,
        Status, UsageKind, Reason, Flags,
        InstanceHours, VCpus, MemoryGb, CpuMicroarchitecture, GpuModel, GpuCount, HostVCpus,
        HostMemoryGb, StorageGbMonths, StorageMedia, ReplicationFactor, NetworkGb, AiModel,
        InputTokens, OutputTokens, VCpuHours, MemoryGbHours, GbSeconds, AiDeployment,
    }

    /// <summary>The column names on the wire: the property names in camelCase, in row order.</summary>
    public static IReadOnlyList<string> Columns { get; } = [.. Enum.GetNames<Column>().Select(JsonNamingPolicy.CamelCase.ConvertName)];

    private static readonly Dictionary<string, Column> s_columnByName =
        Enum.GetValues<Column>().ToDictionary(c => Columns[(int)c], c => c, StringComparer.OrdinalIgnoreCase);

    public override void Write(Utf8JsonWriter writer, IReadOnlyList<UsageLine> value, JsonSerializerOptions options)
    {
        var strings = new StringTable();
        foreach (var line in value) strings.AddAll(line);

        writer.WriteStartObject();
        writer.WriteStartArray("columns");
        foreach (var column in Columns) writer.WriteStringValue(column);
        writer.WriteEndArray();
        writer.WriteStartArray("strings");
        foreach (var text in strings.InOrder) writer.WriteStringValue(text);
        writer.WriteEndArray();
        writer.WriteStartArray("rows");
        var row = new RowText();
        foreach (var line in value)
        {
            row.Write(line, strings);
            writer.WriteStringValue(row.Text);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    public override IReadOnlyList<UsageLine> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.StartArray) return ReadLineObjects(ref reader, options);
        if (reader.TokenType != JsonTokenType.StartObject) throw new JsonException($"usage lines: expected an object or an array, found {reader.TokenType}.");

        Column?[]? columns = null;
        string?[]? strings = null;
        List<UsageLine>? lines = null;
        while (Next(ref reader) != JsonTokenType.EndObject)
        {
            var property = reader.GetString();
            Next(ref reader);
            switch (property)
            {
                case "columns":
                    columns = ReadColumns(ref reader);
                    break;
                case "strings":
                    strings = ReadStrings(ref reader);
                    break;
                case "rows":
                    if (columns is null || strings is null) throw new JsonException("usage lines: 'rows' must come after 'columns' and 'strings'.");
                    lines = ReadRows(ref reader, columns, strings);
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }

        return lines ?? [];
    }

    /// <summary>The header's columns; null for one this version does not know.</summary>
    private static Column?[] ReadColumns(ref Utf8JsonReader reader)
    {
        var columns = new List<Column?>(Columns.Count);
        Expect(reader, JsonTokenType.StartArray);
        while (Next(ref reader) != JsonTokenType.EndArray)
            columns.Add(s_columnByName.TryGetValue(reader.GetString() ?? "", out var column) ? column : null);
        return [.. columns];
    }

    private static string?[] ReadStrings(ref Utf8JsonReader reader)
    {
        var strings = new List<string?>();
        Expect(reader, JsonTokenType.StartArray);
        while (Next(ref reader) != JsonTokenType.EndArray) strings.Add(reader.GetString());
        return [.. strings];
    }

    private static List<UsageLine> ReadRows(ref Utf8JsonReader reader, Column?[] columns, string?[] strings)
    {
        var lines = new List<UsageLine>();
        var row = new Row(columns, strings);
        byte[]? unescaped = null;
        Expect(reader, JsonTokenType.StartArray);
        while (Next(ref reader) != JsonTokenType.EndArray)
        {
            Expect(reader, JsonTokenType.String);
            ReadOnlySpan<byte> text;
            if (!reader.ValueIsEscaped && !reader.HasValueSequence)
            {
                text = reader.ValueSpan;
            }
            else
            {
                // Only a hand-written or re-encoded message escapes these ASCII characters.
                var most = reader.HasValueSequence ? checked((int)reader.ValueSequence.Length) : reader.ValueSpan.Length;
                if (unescaped is null || unescaped.Length < most) unescaped = new byte[most];
                text = unescaped.AsSpan(0, reader.CopyString(unescaped));
            }

            lines.Add(row.Read(text, lines.Count));
        }

        return lines;
    }

    private static List<UsageLine> ReadLineObjects(ref Utf8JsonReader reader, JsonSerializerOptions options)
    {
        var lines = new List<UsageLine>();
        while (Next(ref reader) != JsonTokenType.EndArray)
            lines.Add(JsonSerializer.Deserialize<UsageLine>(ref reader, options) ?? throw new JsonException($"usage lines: line {lines.Count} is null."));
        return lines;
    }

    private static JsonTokenType Next(ref Utf8JsonReader reader) =>
        reader.Read() ? reader.TokenType : throw new JsonException("usage lines: the JSON ends too early.");

    private static void Expect(in Utf8JsonReader reader, JsonTokenType token)
    {
        if (reader.TokenType != token) throw new JsonException($"usage lines: expected {token}, found {reader.TokenType}.");
    }

    /// <summary>The batch's distinct strings, numbered in order of first use.</summary>
    private sealed class StringTable
    {
        private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);
        private readonly List<string> _inOrder = [];
        // Keyed by ticks and offset: DateTimeOffset's own equality ignores the offset, which "O" writes.
        private readonly Dictionary<(DateTime, TimeSpan), string> _instants = [];

        public IReadOnlyList<string> InOrder => _inOrder;

        public void AddAll(UsageLine l)
        {
            Add(l.SourceFile); Add(l.Provider); Add(l.BillingAccountId); Add(l.SubAccountId); Add(l.SubAccountName);
            Add(l.ResourceId); Add(l.ServiceName); Add(l.ServiceCategory); Add(l.RegionId);
            Add(Instant(l.ChargePeriodStart)); Add(Instant(l.ChargePeriodEnd)); Add(l.ChargeCategory); Add(l.SkuMeter);
            Add(l.InstanceType); Add(l.QuantityUnit); Add(l.Currency); Add(l.Tags); Add(l.Status); Add(l.UsageKind);
            Add(l.Reason);
            foreach (var flag in l.Flags) Add(flag);
            Add(l.CpuMicroarchitecture); Add(l.GpuModel); Add(l.StorageMedia); Add(l.AiModel); Add(l.AiDeployment);
        }

        /// <summary>The round-trip ("O") text of an instant, formatted once per distinct instant and offset.</summary>
        public string? Instant(DateTimeOffset? value)
        {
            if (value is not { } instant) return null;
            var key = (instant.DateTime, instant.Offset);
            if (!_instants.TryGetValue(key, out var text)) _instants[key] = text = instant.ToString("O", CultureInfo.InvariantCulture);
            return text;
        }

        public int IndexOf(string text) => _index[text];

        private void Add(string? text)
        {
            if (text is null || _index.ContainsKey(text)) return;
            _index[text] = _inOrder.Count;
            _inOrder.Add(text);
        }
    }

    /// <summary>One line's text on the wire, built in a buffer reused from line to line.</summary>
    private sealed class RowText
    {
        private byte[] _buffer = new byte[1024];
        private int _length;

        public ReadOnlySpan<byte> Text => _buffer.AsSpan(0, _length);

        public void Write(UsageLine l, StringTable s)
        {
            _length = 0;
            Index(s, l.SourceFile); Number(l.SourceRow); Index(s, l.Provider); Index(s, l.BillingAccountId);
            Index(s, l.SubAccountId); Index(s, l.SubAccountName); Index(s, l.ResourceId);
            Index(s, l.ServiceName); Index(s, l.ServiceCategory); Index(s, l.RegionId);
            Index(s, s.Instant(l.ChargePeriodStart)); Index(s, s.Instant(l.ChargePeriodEnd)); Index(s, l.ChargeCategory);
            Index(s, l.SkuMeter); Index(s, l.InstanceType); Number(l.Quantity); Index(s, l.QuantityUnit);
            Number(l.Cost); Index(s, l.Currency); Index(s, l.Tags);
            Index(s, l.Status); Index(s, l.UsageKind); Index(s, l.Reason);
            for (var i = 0; i < l.Flags.Count; i++)
            {
                if (i > 0) _buffer[_length - 1] = FlagSeparator;
                Index(s, l.Flags[i]);
            }

            if (l.Flags.Count == 0) Separate();
            Number(l.InstanceHours); Number(l.VCpus); Number(l.MemoryGb); Index(s, l.CpuMicroarchitecture);
            Index(s, l.GpuModel); Number(l.GpuCount); Number(l.HostVCpus);
            Number(l.HostMemoryGb); Number(l.StorageGbMonths); Index(s, l.StorageMedia); Number(l.ReplicationFactor);
            Number(l.NetworkGb); Index(s, l.AiModel);
            Number(l.InputTokens); Number(l.OutputTokens); Number(l.VCpuHours); Number(l.MemoryGbHours);
            Number(l.GbSeconds); Index(s, l.AiDeployment);
            _length--; // the last separator
        }

        private void Index(StringTable strings, string? text)
        {
            if (text is not null) Format(strings.IndexOf(text));
            Separate();
        }

        private void Number(double? value)
        {
            if (value is { } v) Format(v, "R");
            Separate();
        }

        private void Number(int? value)
        {
            if (value is { } v) Format(v);
            Separate();
        }

        private void Number(long value)
        {
            Format(value);
            Separate();
        }

        private void Number(decimal value)
        {
            Format(value);
            Separate();
        }

        private void Separate()
        {
            if (_length == _buffer.Length) Array.Resize(ref _buffer, _buffer.Length * 2);
            _buffer[_length++] = Separator;
        }

        private void Format<T>(T value, string? format = null) where T : IUtf8SpanFormattable
        {
            int written;
            while (!value.TryFormat(_buffer.AsSpan(_length), out written, format, CultureInfo.InvariantCulture))
                Array.Resize(ref _buffer, _buffer.Length * 2);
            _length += written;
        }
    }

    /// <summary>Reads one line's text into a <see cref="UsageLine"/>; reused from line to line.</summary>
    private sealed class Row(Column?[] columns, string?[] strings)
    {
        private readonly string?[] _text = new string?[Columns.Count];
        private readonly double?[] _number = new double?[Columns.Count];
        // Instants travel as strings of the table: each distinct one is parsed once per batch.
        private readonly DateTimeOffset?[] _instants = new DateTimeOffset?[strings.Length];
        private DateTimeOffset? _start, _end;
        private long _sourceRow;
        private decimal _cost;
        private IReadOnlyList<string> _flags = [];

        public UsageLine Read(ReadOnlySpan<byte> text, int position)
        {
            Array.Clear(_text);
            Array.Clear(_number);
            (_start, _end, _sourceRow, _cost, _flags) = (null, null, 0, 0, []);
            for (var i = 0; ; i++)
            {
                var end = text.IndexOf(Separator);
                var value = end < 0 ? text : text[..end];
                if (!value.IsEmpty && i < columns.Length && columns[i] is { } column) Set(column, value, position);
                if (end < 0) break;
                text = text[(end + 1)..];
            }

            return ToLine(position);
        }

        private void Set(Column column, ReadOnlySpan<byte> value, int position)
        {
            switch (column)
            {
                case Column.SourceRow:
                    _sourceRow = Parse<long>(value, column, position);
                    break;
                case Column.Cost:
                    _cost = Parse<decimal>(value, column, position);
                    break;
                case Column.Flags:
                    var flags = new List<string>();
                    foreach (var range in value.Split(FlagSeparator)) flags.Add(Text(Parse<int>(value[range], column, position)) ?? "");
                    _flags = flags;
                    break;
                case Column.ChargePeriodStart:
                    _start = Instant(Parse<int>(value, column, position));
                    break;
                case Column.ChargePeriodEnd:
                    _end = Instant(Parse<int>(value, column, position));
                    break;
                case Column.Quantity or Column.InstanceHours or Column.VCpus or Column.MemoryGb or Column.GpuCount
                    or Column.HostVCpus or Column.HostMemoryGb or Column.StorageGbMonths or Column.ReplicationFactor
                    or Column.NetworkGb or Column.InputTokens or Column.OutputTokens or Column.VCpuHours
                    or Column.MemoryGbHours or Column.GbSeconds:
                    _number[(int)column] = Parse<double>(value, column, position);
                    break;
                default:
                    _text[(int)column] = Text(Parse<int>(value, column, position));
                    break;
            }
        }

        private static T Parse<T>(ReadOnlySpan<byte> value, Column column, int position) where T : IUtf8SpanParsable<T> =>
            T.TryParse(value, CultureInfo.InvariantCulture, out var parsed)
                ? parsed
                : throw new JsonException($"usage lines: row {position}, column '{Columns[(int)column]}': '{System.Text.Encoding.UTF8.GetString(value)}' is not a {typeof(T).Name}.");

        private DateTimeOffset Instant(int index) =>
            _instants[CheckIndex(index)] ??= DateTimeOffset.Parse(strings[index]!, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);

        private string? Text(int index) => strings[CheckIndex(index)];

        private int CheckIndex(int index) =>
            (uint)index < (uint)strings.Length ? index : throw new JsonException($"usage lines: string {index} is not in the table of {strings.Length}.");

        private string? S(Column column) => _text[(int)column];

        private double? D(Column column) => _number[(int)column];

        private int? I(Column column) => _number[(int)column] is { } v ? checked((int)v) : null;

        private UsageLine ToLine(int position) => new()
        {
            SourceFile = S(Column.SourceFile) ?? throw Missing(Column.SourceFile, position),
            SourceRow = _sourceRow,
            Provider = S(Column.Provider) ?? throw Missing(Column.Provider, position),
            BillingAccountId = S(Column.BillingAccountId),
            SubAccountId = S(Column.SubAccountId),
            SubAccountName = S(Column.SubAccountName),
            ResourceId = S(Column.ResourceId),
            ServiceName = S(Column.ServiceName),
            ServiceCategory = S(Column.ServiceCategory),
            RegionId = S(Column.RegionId),
            ChargePeriodStart = _start,
            ChargePeriodEnd = _end,
            ChargeCategory = S(Column.ChargeCategory) ?? throw Missing(Column.ChargeCategory, position),
            SkuMeter = S(Column.SkuMeter),
            InstanceType = S(Column.InstanceType),
            Quantity = D(Column.Quantity),
            QuantityUnit = S(Column.QuantityUnit),
            Cost = _cost,
            Currency = S(Column.Currency),
            Tags = S(Column.Tags),
            Status = S(Column.Status) ?? throw Missing(Column.Status, position),
            UsageKind = S(Column.UsageKind) ?? throw Missing(Column.UsageKind, position),
            Reason = S(Column.Reason),
            Flags = _flags,
            InstanceHours = D(Column.InstanceHours),
            VCpus = I(Column.VCpus),
            MemoryGb = D(Column.MemoryGb),
            CpuMicroarchitecture = S(Column.CpuMicroarchitecture),
            GpuModel = S(Column.GpuModel),
            GpuCount = I(Column.GpuCount),
            HostVCpus = I(Column.HostVCpus),
            HostMemoryGb = D(Column.HostMemoryGb),
            StorageGbMonths = D(Column.StorageGbMonths),
            StorageMedia = S(Column.StorageMedia),
            ReplicationFactor = I(Column.ReplicationFactor),
            NetworkGb = D(Column.NetworkGb),
            AiModel = S(Column.AiModel),
            InputTokens = D(Column.InputTokens),
            OutputTokens = D(Column.OutputTokens),
            VCpuHours = D(Column.VCpuHours),
            MemoryGbHours = D(Column.MemoryGbHours),
            GbSeconds = D(Column.GbSeconds),
            AiDeployment = S(Column.AiDeployment),
        };

        private static JsonException Missing(Column column, int position) => new($"usage lines: row {position} has no '{Columns[(int)column]}'.");
    }
}
