using System.Globalization;
using System.Text;
using System.Text.Json;
using Empreinte.Application.Importing;
using Empreinte.Application.Results;
using Empreinte.Domain.Calculators;

namespace Empreinte.Application.Files;

/// <summary>
/// The CLI's local output: streams lines.csv as batches complete, and writes summary.json and
/// unmapped.csv once the import is complete. One instance per output directory and run.
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
    private readonly FileStream _lines;
    private readonly LinesCsvWriter _rows;
    private readonly Lock _writeLock = new();
    private string _factorSetVersion = "";
    private bool _disposed;

    public FileResultSink(string directory)
    {
        _directory = directory;
        Directory.CreateDirectory(directory);
        // Unbuffered: LinesCsvWriter buffers whole rows itself.
        _lines = new FileStream(Path.Combine(directory, "lines.csv"), FileMode.Create, FileAccess.Write, FileShare.Read, bufferSize: 0);
        _rows = new LinesCsvWriter(_lines);
        _rows.WriteHeader();
    }

    public string LinesPath => Path.Combine(_directory, "lines.csv");
    public string SummaryPath => Path.Combine(_directory, "summary.json");
    public string UnmappedPath => Path.Combine(_directory, "unmapped.csv");

    public FootprintAggregator Aggregate => _aggregate;

    public Task WriteEnergyAsync(EstimatedBatch<EnergyEstimate> batch, CancellationToken cancellationToken) =>
        Accept(batch, _join.Add(batch, (p, e) => p.Energy = e));

    public Task WriteWaterAsync(EstimatedBatch<WaterEstimate> batch, CancellationToken cancellationToken) =>
        Accept(batch, _join.Add(batch, (p, e) => p.Water = e));

    public Task WriteMaterialsAsync(EstimatedBatch<MaterialsEstimate> batch, CancellationToken cancellationToken) =>
        Accept(batch, _join.Add(batch, (p, e) => p.Materials = e));

    private Task Accept<T>(EstimatedBatch<T> batch, IReadOnlyList<LineResult>? complete)
    {
        if (complete is null) return Task.CompletedTask;
        lock (_writeLock)
        {
            _factorSetVersion = batch.FactorSetVersion;
            foreach (var result in complete)
            {
                _rows.WriteRow(result, batch.FactorSetVersion);
                _aggregate.Add(result);
            }
        }

        return Task.CompletedTask;
    }

    /// <summary>Writes summary.json and unmapped.csv; call once the import is complete.</summary>
    public async Task<SummaryDocument> CompleteAsync(ImportReport report, string factorSetVersion, CancellationToken cancellationToken, IReadOnlyList<SkippedInput>? skipped = null,
        IReadOnlyList<Empreinte.Domain.Recommendations.Recommendation>? recommendations = null)
    {
        SummaryDocument summary;
        lock (_writeLock)
        {
            _rows.Flush();
            summary = SummaryDocument.From(report, _aggregate, _factorSetVersion.Length > 0 ? _factorSetVersion : factorSetVersion, skipped ?? [])
                with
            { Recommendations = recommendations ?? [] };
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
        lock (_writeLock)
        {
            foreach (var (key, group) in _aggregate.UnmappedGroups.OrderByDescending(g => g.Value.Cost))
            {
                LinesCsv.Text(csv, key.Provider); LinesCsv.Text(csv, key.Service); LinesCsv.Text(csv, key.Meter);
                LinesCsv.Text(csv, key.Unit); LinesCsv.Text(csv, key.Reason);
                csv.Write(group.Rows.ToString(CultureInfo.InvariantCulture)); csv.Write(',');
                csv.Write(group.Quantity.ToString("R", CultureInfo.InvariantCulture)); csv.Write(',');
                csv.Write(group.Cost.ToString(CultureInfo.InvariantCulture)); csv.Write('\n');
            }
        }

        return csv.ToString();
    }

    public void Dispose()
    {
        lock (_writeLock)
        {
            if (_disposed) return;
            _disposed = true;
            _rows.Flush();
            _lines.Dispose();
        }
    }
}
