using System.Globalization;
using System.Text;
using System.Text.Json;
using Empreinte.Application.Importing;
using Empreinte.Application.Results;
using Empreinte.Domain.Calculators;

namespace Empreinte.Application.Files;

/// <summary>
/// The CLI's local output: streams the per-line file (lines.parquet, lines.csv or none:
/// <see cref="LinesFormat"/>) as batches complete, and writes summary.json and unmapped.csv once
/// the import is complete. One instance per output directory and run.
/// </summary>
public sealed class FileResultSink : IEstimateSink, IDisposable
{
    public static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    private readonly string _directory;
    private readonly BatchJoin _join = new();
    private readonly FootprintAggregator _aggregate = new();
    private readonly FileStream? _lines;
    private readonly LinesCsvWriter? _csv;
    private readonly LinesParquetWriter? _parquet;
    // Calculators may write concurrently (over a bus); a semaphore, since lines.parquet's row groups are written asynchronously.
    private readonly SemaphoreSlim _write = new(1, 1);
    private string _factorSetVersion = "";
    private bool _disposed;

    public FileResultSink(string directory, LinesFormat lines = LinesFormat.Parquet)
    {
        _directory = directory;
        Directory.CreateDirectory(directory);
        Lines = lines;
        if (LinesFormats.FileName(lines) is not { } name) return;
        // Unbuffered for CSV: LinesCsvWriter buffers whole rows itself.
        _lines = new FileStream(Path.Combine(directory, name), FileMode.Create, FileAccess.Write, FileShare.Read, bufferSize: lines == LinesFormat.Csv ? 0 : 1 << 16);
        if (lines == LinesFormat.Csv)
        {
            _csv = new LinesCsvWriter(_lines);
            _csv.WriteHeader();
        }
        else
        {
            _parquet = new LinesParquetWriter(_lines);
        }
    }

    public LinesFormat Lines { get; }

    /// <summary>The per-line file, or null when <see cref="Lines"/> is <see cref="LinesFormat.None"/>.</summary>
    public string? LinesPath => LinesFormats.FileName(Lines) is { } name ? Path.Combine(_directory, name) : null;
    public string SummaryPath => Path.Combine(_directory, "summary.json");
    public string UnmappedPath => Path.Combine(_directory, "unmapped.csv");

    public FootprintAggregator Aggregate => _aggregate;

    public Task WriteEnergyAsync(EstimatedBatch<EnergyEstimate> batch, CancellationToken cancellationToken) =>
        Accept(batch, _join.Add(batch, (p, e) => p.Energy = e));

    public Task WriteWaterAsync(EstimatedBatch<WaterEstimate> batch, CancellationToken cancellationToken) =>
        Accept(batch, _join.Add(batch, (p, e) => p.Water = e));

    public Task WriteMaterialsAsync(EstimatedBatch<MaterialsEstimate> batch, CancellationToken cancellationToken) =>
        Accept(batch, _join.Add(batch, (p, e) => p.Materials = e));

    private async Task Accept<T>(EstimatedBatch<T> batch, IReadOnlyList<LineResult>? complete)
    {
        if (complete is null) return;
        await _write.WaitAsync();
        try
        {
            _factorSetVersion = batch.FactorSetVersion;
            foreach (var result in complete)
            {
                _csv?.WriteRow(result, batch.FactorSetVersion);
                if (_parquet is not null)
                {
                    if (_parquet.IsFull) await _parquet.WriteRowGroupAsync(CancellationToken.None);
                    _parquet.Add(result, batch.FactorSetVersion);
                }

                _aggregate.Add(result);
            }
        }
        finally
        {
            _write.Release();
        }
    }

    /// <summary>Writes summary.json and unmapped.csv; call once the import is complete.</summary>
    public async Task<SummaryDocument> CompleteAsync(ImportReport report, string factorSetVersion, CancellationToken cancellationToken, IReadOnlyList<SkippedInput>? skipped = null,
        IReadOnlyList<Empreinte.Domain.Recommendations.Recommendation>? recommendations = null)
    {
        SummaryDocument summary;
        await _write.WaitAsync(cancellationToken);
        try
        {
            _csv?.Flush();
            if (_parquet is not null) await _parquet.CompleteAsync(cancellationToken);
            _lines?.Flush();
            summary = SummaryDocument.From(report, _aggregate, _factorSetVersion.Length > 0 ? _factorSetVersion : factorSetVersion, skipped ?? [])
                with
            { Recommendations = recommendations ?? [] };
        }
        finally
        {
            _write.Release();
        }

        await using (var json = File.Create(SummaryPath))
            await JsonSerializer.SerializeAsync(json, summary, JsonOptions, cancellationToken);
        await File.WriteAllTextAsync(UnmappedPath, UnmappedCsv(), new UTF8Encoding(false), cancellationToken);
        return summary;
    }

    private string UnmappedCsv()
    {
        var csv = new StringWriter(CultureInfo.InvariantCulture);
        csv.Write("provider,serviceName,meter,unit,reason,rows,quantity,cost\n");
        foreach (var (key, group) in _aggregate.UnmappedGroups.OrderByDescending(g => g.Value.Cost))
        {
            LinesCsv.Text(csv, key.Provider); LinesCsv.Text(csv, key.Service); LinesCsv.Text(csv, key.Meter);
            LinesCsv.Text(csv, key.Unit); LinesCsv.Text(csv, key.Reason);
            csv.Write(group.Rows.ToString(CultureInfo.InvariantCulture)); csv.Write(',');
            csv.Write(group.Quantity.ToString("R", CultureInfo.InvariantCulture)); csv.Write(',');
            csv.Write(group.Cost.ToString(CultureInfo.InvariantCulture)); csv.Write('\n');
        }

        return csv.ToString();
    }

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        // After a failure the staged folder is thrown away: what matters here is closing the file.
        _csv?.Flush();
        _parquet?.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _lines?.Dispose();
        _write.Dispose();
    }
}
