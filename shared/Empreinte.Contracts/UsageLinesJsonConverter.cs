using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Empreinte.Contracts;

/// <summary>
/// The wire form of a batch's lines: one table of the batch's distinct strings, the column names
/// once, and each line as an array of values in that column order, strings as indexes into the
/// table. A batch repeats the same provider, account, service, region, unit, flags and hour on
/// most of its lines, so this is several times smaller and faster to write and read than one
/// JSON object per line, and reading allocates each distinct string once per batch. Every
/// transport that serialises <see cref="UsageBatchParsed"/> with System.Text.Json (MassTransit's
/// RabbitMQ and in-memory transports, Service Bus, claim checks) goes through it.
/// <code>{"columns":["sourceFile","sourceRow",…],"strings":["f.csv","AWS",…],"rows":[[0,1,1,…],…]}</code>
/// Reading is by column name: a column this version does not know is skipped, a missing one
/// stays null. An array of line objects (the form before this converter) is still read.
/// </summary>
public sealed class UsageLinesJsonConverter : JsonConverter<IReadOnlyList<UsageLine>>
{
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
        foreach (var line in value) WriteRow(writer, line, strings);
        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static void WriteRow(Utf8JsonWriter w, UsageLine l, StringTable s)
    {
        w.WriteStartArray();
        s.Write(w, l.SourceFile); w.WriteNumberValue(l.SourceRow); s.Write(w, l.Provider); s.Write(w, l.BillingAccountId);
        s.Write(w, l.SubAccountId); s.Write(w, l.SubAccountName); s.Write(w, l.ResourceId);
        s.Write(w, l.ServiceName); s.Write(w, l.ServiceCategory); s.Write(w, l.RegionId);
        s.Write(w, s.Instant(l.ChargePeriodStart)); s.Write(w, s.Instant(l.ChargePeriodEnd)); s.Write(w, l.ChargeCategory);
        s.Write(w, l.SkuMeter); s.Write(w, l.InstanceType); Number(w, l.Quantity); s.Write(w, l.QuantityUnit);
        w.WriteNumberValue(l.Cost); s.Write(w, l.Currency); s.Write(w, l.Tags);
        s.Write(w, l.Status); s.Write(w, l.UsageKind); s.Write(w, l.Reason);
        w.WriteStartArray();
        foreach (var flag in l.Flags) s.Write(w, flag);
        w.WriteEndArray();
        Number(w, l.InstanceHours); Number(w, l.VCpus); Number(w, l.MemoryGb); s.Write(w, l.CpuMicroarchitecture);
        s.Write(w, l.GpuModel); Number(w, l.GpuCount); Number(w, l.HostVCpus);
        Number(w, l.HostMemoryGb); Number(w, l.StorageGbMonths); s.Write(w, l.StorageMedia); Number(w, l.ReplicationFactor);
        Number(w, l.NetworkGb); s.Write(w, l.AiModel);
        Number(w, l.InputTokens); Number(w, l.OutputTokens); Number(w, l.VCpuHours); Number(w, l.MemoryGbHours);
        Number(w, l.GbSeconds); s.Write(w, l.AiDeployment);
        w.WriteEndArray();
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
        // Instants travel as strings of the table: each distinct one is parsed once per batch.
        var instants = new DateTimeOffset?[strings.Length];
        var row = new Row();
        Expect(reader, JsonTokenType.StartArray);
        while (Next(ref reader) != JsonTokenType.EndArray)
        {
            Expect(reader, JsonTokenType.StartArray);
            row.Clear();
            for (var i = 0; Next(ref reader) != JsonTokenType.EndArray; i++)
            {
                if (i < columns.Length && columns[i] is { } column) row.Read(ref reader, column, strings, instants);
                else reader.Skip();
            }

            lines.Add(row.ToLine(lines.Count));
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

    private static void Number(Utf8JsonWriter writer, double? value)
    {
        if (value is { } v) writer.WriteNumberValue(v);
        else writer.WriteNullValue();
    }

    private static void Number(Utf8JsonWriter writer, int? value)
    {
        if (value is { } v) writer.WriteNumberValue(v);
        else writer.WriteNullValue();
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

        private void Add(string? text)
        {
            if (text is null || _index.ContainsKey(text)) return;
            _index[text] = _inOrder.Count;
            _inOrder.Add(text);
        }

        public void Write(Utf8JsonWriter writer, string? text)
        {
            if (text is null) writer.WriteNullValue();
            else writer.WriteNumberValue(_index[text]);
        }
    }

    /// <summary>One line's values as they are read, in any column order; reused from line to line.</summary>
    private sealed class Row
    {
        private readonly string?[] _text = new string?[Columns.Count];
        private readonly double?[] _number = new double?[Columns.Count];
        private DateTimeOffset? _start, _end;
        private long _sourceRow;
        private decimal _cost;
        private IReadOnlyList<string> _flags = [];

        public void Clear()
        {
            Array.Clear(_text);
            Array.Clear(_number);
            (_start, _end, _sourceRow, _cost, _flags) = (null, null, 0, 0, []);
        }

        public void Read(ref Utf8JsonReader reader, Column column, string?[] strings, DateTimeOffset?[] instants)
        {
            switch (column)
            {
                case Column.SourceRow:
                    _sourceRow = reader.GetInt64();
                    return;
                case Column.Cost:
                    _cost = reader.GetDecimal();
                    return;
                case Column.Flags:
                    _flags = ReadFlags(ref reader, strings);
                    return;
            }

            if (reader.TokenType == JsonTokenType.Null) return;
            switch (column)
            {
                case Column.ChargePeriodStart:
                    _start = Instant(reader.GetInt32(), strings, instants);
                    break;
                case Column.ChargePeriodEnd:
                    _end = Instant(reader.GetInt32(), strings, instants);
                    break;
                case Column.Quantity or Column.InstanceHours or Column.VCpus or Column.MemoryGb or Column.GpuCount
                    or Column.HostVCpus or Column.HostMemoryGb or Column.StorageGbMonths or Column.ReplicationFactor
                    or Column.NetworkGb or Column.InputTokens or Column.OutputTokens or Column.VCpuHours
                    or Column.MemoryGbHours or Column.GbSeconds:
                    _number[(int)column] = reader.GetDouble();
                    break;
                default:
                    _text[(int)column] = Text(strings, reader.GetInt32());
                    break;
            }
        }

        private static DateTimeOffset Instant(int index, string?[] strings, DateTimeOffset?[] instants) =>
            instants[index] ??= DateTimeOffset.Parse(Text(strings, index)!, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);

        private static List<string> ReadFlags(ref Utf8JsonReader reader, string?[] strings)
        {
            Expect(reader, JsonTokenType.StartArray);
            var flags = new List<string>();
            while (Next(ref reader) != JsonTokenType.EndArray) flags.Add(Text(strings, reader.GetInt32()) ?? "");
            return flags;
        }

        private static string? Text(string?[] strings, int index) =>
            (uint)index < (uint)strings.Length ? strings[index] : throw new JsonException($"usage lines: string {index} is not in the table of {strings.Length}.");

        private string? S(Column column) => _text[(int)column];

        private double? D(Column column) => _number[(int)column];

        private int? I(Column column) => _number[(int)column] is { } v ? checked((int)v) : null;

        public UsageLine ToLine(int position) => new()
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
