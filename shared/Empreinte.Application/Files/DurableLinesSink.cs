using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Empreinte.Application.Results;
using Empreinte.Contracts;
using Empreinte.Domain.Calculators;
using Empreinte.Domain.Usage;

namespace Empreinte.Application.Files;

/// <summary>
/// <c>worker --out DIR</c>: lines.csv appended across restarts, every write on disk before the
/// calculator's message is acknowledged. A worker consumes the three calculators' messages one by
/// one and acknowledges each once its part is written, so a part held only in memory would be
/// lost with the process (kill -9) while the broker believes it done. Hence, under
/// <c>DIR/.worker/</c>:
/// <list type="bullet">
/// <item><c>parts.log</c>: each calculator's part of a batch, appended and fsynced before the
/// consumer returns; replayed at start, emptied once no batch is waiting for a part, and rewritten
/// with only the waiting batches' parts when it grows past <see cref="DefaultCompactAtBytes"/>.</item>
/// <item><c>batches.log</c>: one line per batch whose rows are in lines.csv, with the length of
/// lines.csv after them and the batch's unmapped lines, appended and fsynced after the rows.</item>
/// </list>
/// At start lines.csv is cut back to the last committed length (only the rows of a batch whose
/// commit line never made it, which its journalled parts write again), never below it; batches
/// already committed are recognised and not written twice; <c>unmapped.csv</c> is rebuilt from the
/// commit log and rewritten (aside, then renamed) after every batch.
/// </summary>
public sealed class DurableLinesSink : IEstimateSink, IDisposable
{
    private const string _energy = "energy";
    private const string _water = "water";
    private const string _materials = "materials";

    private static readonly JsonSerializerOptions _json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary>A few hundred batches' parts: rewritten with only the waiting ones past this size, so a long import never grows it without bound.</summary>
    public const long DefaultCompactAtBytes = 64L * 1024 * 1024;

    private readonly string _directory;
    private readonly string _partsPath;
    private readonly long _compactAtBytes;
    private readonly Dictionary<(Guid, int), List<byte[]>> _waitingParts = [];
    private readonly Lock _lock = new();
    private readonly BatchJoin _join = new();
    private readonly HashSet<(Guid, int)> _committed = [];
    private readonly Dictionary<UnmappedKey, Tally> _unmapped = [];
    private readonly FileStream _lines;
    private readonly LinesCsvWriter _rows;
    private FileStream _parts;
    private readonly FileStream _batches;
    private bool _disposed;

    public DurableLinesSink(string directory, long compactAtBytes = DefaultCompactAtBytes)
    {
        _directory = directory;
        _compactAtBytes = compactAtBytes;
        var state = Directory.CreateDirectory(Path.Combine(directory, ".worker")).FullName;
        _batches = OpenJournal(Path.Combine(state, "batches.log"), out var commits);
        long? committedLength = null;
        foreach (var line in commits)
        {
            var commit = JsonSerializer.Deserialize<BatchCommit>(line, _json)!;
            committedLength = commit.LinesLength;
            if (commit.ImportId is { } import) _committed.Add((import, commit.BatchNumber));
            foreach (var group in commit.Unmapped ?? []) Add(_unmapped, group);
        }

        _lines = new FileStream(LinesPath, FileMode.OpenOrCreate, FileAccess.Write, FileShare.Read, bufferSize: 0);
        _rows = new LinesCsvWriter(_lines);
        if (committedLength is { } length)
        {
            // Rows past the last commit belong to a batch interrupted mid-write: its parts are replayed below.
            if (_lines.Length > length) _lines.SetLength(length);
            _lines.Seek(0, SeekOrigin.End);
        }
        else
        {
            // First start in this folder: a lines.csv already there (from before) is kept whole.
            _lines.Seek(0, SeekOrigin.End);
            if (_lines.Length == 0) _rows.WriteHeader();
            _rows.Flush();
            _lines.Flush(flushToDisk: true);
            Append(_batches, new BatchCommit(null, 0, _lines.Length, null));
        }

        _partsPath = Path.Combine(state, "parts.log");
        _parts = OpenJournal(_partsPath, out var parts);
        foreach (var line in parts) Replay(line);
        ForgetPartsWhenNoneWaiting();
        WriteUnmapped();
    }

    public string LinesPath => Path.Combine(_directory, "lines.csv");

    public string UnmappedPath => Path.Combine(_directory, "unmapped.csv");

    /// <summary>Batches with one or two of their three parts on disk, waiting for the rest.</summary>
    public int PendingBatches => _join.PendingBatches;

    public Task WriteEnergyAsync(EstimatedBatch<EnergyEstimate> batch, CancellationToken cancellationToken) =>
        Accept(batch, _energy, (p, e) => p.Energy = e);

    public Task WriteWaterAsync(EstimatedBatch<WaterEstimate> batch, CancellationToken cancellationToken) =>
        Accept(batch, _water, (p, e) => p.Water = e);

    public Task WriteMaterialsAsync(EstimatedBatch<MaterialsEstimate> batch, CancellationToken cancellationToken) =>
        Accept(batch, _materials, (p, e) => p.Materials = e);

    private Task Accept<T>(EstimatedBatch<T> batch, string calculator, Action<BatchJoin.Pending, IReadOnlyList<T>> set)
    {
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_committed.Contains((batch.ImportId, batch.BatchNumber))) return Task.CompletedTask; // a redelivery
            var part = Append(_parts, new JournalledPart(calculator, batch.ImportId, batch.BatchNumber, batch.FactorSetVersion, batch.Lines, JsonSerializer.SerializeToElement(batch.Estimates, _json)));
            Waiting(batch.ImportId, batch.BatchNumber).Add(part);
            if (_join.Add(batch, set) is { } complete) Commit(batch.ImportId, batch.BatchNumber, batch.FactorSetVersion, complete);
            else if (_parts.Length > _compactAtBytes) CompactParts();
        }

        return Task.CompletedTask;
    }

    private void Replay(string line)
    {
        var part = JsonSerializer.Deserialize<JournalledPart>(line, _json)!;
        if (_committed.Contains((part.ImportId, part.BatchNumber))) return;
        Waiting(part.ImportId, part.BatchNumber).Add([.. Encoding.UTF8.GetBytes(line), (byte)'\n']);
        var complete = part.Calculator switch
        {
            _energy => _join.Add(Batch<EnergyEstimate>(part), (p, e) => p.Energy = e),
            _water => _join.Add(Batch<WaterEstimate>(part), (p, e) => p.Water = e),
            _materials => _join.Add(Batch<MaterialsEstimate>(part), (p, e) => p.Materials = e),
            _ => throw new InvalidDataException($"{_parts.Name}: unknown calculator '{part.Calculator}'."),
        };
        if (complete is not null) Commit(part.ImportId, part.BatchNumber, part.FactorSetVersion, complete);
    }

    private static EstimatedBatch<T> Batch<T>(JournalledPart part) =>
        new(part.ImportId, part.BatchNumber, part.FactorSetVersion, part.Lines, part.Estimates.Deserialize<List<T>>(_json)!);

    /// <summary>Rows, then the commit line that vouches for them, each on disk before the next step.</summary>
    private void Commit(Guid importId, int batchNumber, string factorSetVersion, IReadOnlyList<LineResult> results)
    {
        var unmapped = new Dictionary<UnmappedKey, Tally>();
        foreach (var result in results)
        {
            _rows.WriteRow(result, factorSetVersion);
            var line = result.Line;
            if (line.Status is LineStatuses.Mapped or LineStatuses.Excluded) continue;
            var key = new UnmappedKey(line.Provider, line.ServiceName ?? "", line.SkuMeter ?? "", line.QuantityUnit ?? "", line.Reason ?? "");
            if (!unmapped.TryGetValue(key, out var group)) unmapped[key] = group = new Tally();
            group.Add(1, line.Quantity ?? 0, line.Cost);
        }

        _rows.Flush();
        _lines.Flush(flushToDisk: true);
        var groups = unmapped.Select(g => new UnmappedRow(g.Key.Provider, g.Key.Service, g.Key.Meter, g.Key.Unit, g.Key.Reason, g.Value.Rows, g.Value.Quantity, g.Value.Cost)).ToList();
        Append(_batches, new BatchCommit(importId, batchNumber, _lines.Length, groups));
        _committed.Add((importId, batchNumber));
        _waitingParts.Remove((importId, batchNumber));
        foreach (var group in groups) Add(_unmapped, group);
        WriteUnmapped();
        ForgetPartsWhenNoneWaiting();
    }

    private void ForgetPartsWhenNoneWaiting()
    {
        // Every journalled part now belongs to a committed batch.
        if (_join.PendingBatches > 0 || _parts.Length == 0) return;
        _parts.SetLength(0);
        _parts.Flush(flushToDisk: true);
    }

    private List<byte[]> Waiting(Guid importId, int batchNumber)
    {
        if (!_waitingParts.TryGetValue((importId, batchNumber), out var parts)) _waitingParts[(importId, batchNumber)] = parts = [];
        return parts;
    }

    /// <summary>parts.log rewritten aside with only the parts of batches still waiting, then renamed over it: a crash leaves one or the other whole.</summary>
    private void CompactParts()
    {
        var aside = _partsPath + ".partial";
        using (var compacted = new FileStream(aside, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 0))
        {
            foreach (var part in _waitingParts.Values.SelectMany(parts => parts)) compacted.Write(part);
            compacted.Flush(flushToDisk: true);
        }

        _parts.Dispose();
        File.Move(aside, _partsPath, overwrite: true);
        _parts = new FileStream(_partsPath, FileMode.Open, FileAccess.ReadWrite, FileShare.Read, bufferSize: 0);
        _parts.Seek(0, SeekOrigin.End);
    }

    private static void Add(Dictionary<UnmappedKey, Tally> groups, UnmappedRow row)
    {
        var key = new UnmappedKey(row.Provider, row.Service, row.Meter, row.Unit, row.Reason);
        if (!groups.TryGetValue(key, out var group)) groups[key] = group = new Tally();
        group.Add(row.Rows, row.Quantity, row.Cost);
    }

    /// <summary>The columns and order of estimate's unmapped.csv, written aside then renamed: a reader never sees half of it.</summary>
    private void WriteUnmapped()
    {
        var csv = new StringWriter(CultureInfo.InvariantCulture);
        csv.Write("provider,serviceName,meter,unit,reason,rows,quantity,cost\n");
        foreach (var (key, group) in _unmapped.OrderByDescending(g => g.Value.Cost))
        {
            LinesCsv.Text(csv, key.Provider); LinesCsv.Text(csv, key.Service); LinesCsv.Text(csv, key.Meter);
            LinesCsv.Text(csv, key.Unit); LinesCsv.Text(csv, key.Reason);
            csv.Write(group.Rows.ToString(CultureInfo.InvariantCulture)); csv.Write(',');
            csv.Write(group.Quantity.ToString("R", CultureInfo.InvariantCulture)); csv.Write(',');
            csv.Write(group.Cost.ToString(CultureInfo.InvariantCulture)); csv.Write('\n');
        }

        var aside = UnmappedPath + ".partial";
        File.WriteAllText(aside, csv.ToString(), new UTF8Encoding(false));
        File.Move(aside, UnmappedPath, overwrite: true);
    }

    /// <summary>Opens an append-only journal of JSON lines and returns its whole lines; a torn last line (the process died writing it) is cut off.</summary>
    private static FileStream OpenJournal(string path, out List<string> lines)
    {
        var stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read, bufferSize: 0);
        var bytes = new byte[stream.Length];
        stream.ReadExactly(bytes);
        var whole = bytes.AsSpan().LastIndexOf((byte)'\n') + 1;
        if (whole < bytes.Length) stream.SetLength(whole);
        stream.Seek(whole, SeekOrigin.Begin);
        lines = [.. Encoding.UTF8.GetString(bytes, 0, whole).Split('\n', StringSplitOptions.RemoveEmptyEntries)];
        return stream;
    }

    /// <summary>Appends one JSON line and has it on disk before returning; returns the line's bytes.</summary>
    private static byte[] Append<T>(FileStream journal, T entry)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(entry, _json);
        var line = new byte[bytes.Length + 1];
        bytes.CopyTo(line, 0);
        line[^1] = (byte)'\n';
        journal.Write(line);
        journal.Flush(flushToDisk: true);
        return line;
    }

    public void Dispose()
    {
        lock (_lock)
        {
            if (_disposed) return;
            _disposed = true;
            _lines.Dispose();
            _parts.Dispose();
            _batches.Dispose();
        }
    }

    /// <param name="Estimates">The calculator's estimates, in line order, as JSON (their type follows from <paramref name="Calculator"/>).</param>
    private sealed record JournalledPart(
        string Calculator,
        Guid ImportId,
        int BatchNumber,
        string FactorSetVersion,
        [property: JsonConverter(typeof(UsageLinesJsonConverter))] IReadOnlyList<UsageLine> Lines,
        JsonElement Estimates);

    /// <param name="ImportId">Null on the line written when the folder is first used (lines.csv as it was then).</param>
    /// <param name="LinesLength">Length of lines.csv in bytes once this batch's rows were on disk.</param>
    private sealed record BatchCommit(Guid? ImportId, int BatchNumber, long LinesLength, List<UnmappedRow>? Unmapped);

    /// <summary>Rows, quantity (in the group's unit) and cost of one unmapped group.</summary>
    private sealed class Tally
    {
        public long Rows { get; private set; }
        public double Quantity { get; private set; }
        public decimal Cost { get; private set; }

        public void Add(long rows, double quantity, decimal cost)
        {
            Rows += rows;
            Quantity += quantity;
            Cost += cost;
        }
    }

    private sealed record UnmappedRow(string Provider, string Service, string Meter, string Unit, string Reason, long Rows, double Quantity, decimal Cost);
}
