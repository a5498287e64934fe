using Azure.Data.Tables;
using Empreinte.Application.Estimating;
using Empreinte.Application.Results;
using Empreinte.Domain.Calculators;
using Empreinte.Domain.Factors;
using Empreinte.Ingestion;
using Empreinte.Tables;

namespace Empreinte.Faults.Tests;

/// <summary>Lines and one central total per calculator (and carbon): what a lost or doubled batch would change.</summary>
internal sealed record Totals(long Lines, double EnergyKwh, double CarbonLocationKgCo2e, double WaterLitres, double EmbodiedKgCo2e)
{
    /// <summary>
    /// What a fault-free import gives, computed in this process with the in-process pipeline (no
    /// broker, no storage): the reference each faulted run must reproduce.
    /// </summary>
    public static async Task<Totals> FaultFreeAsync(string path, int batchSize)
    {
        var sink = new SummingSink();
        using var export = ExportReader.Open(path);
        await InProcessPipeline.RunAsync([(export, path)], sink, FactorSet.Embedded, batchSize: batchSize);
        return sink.Totals;
    }

    private sealed class SummingSink : IEstimateSink
    {
        private readonly Lock _lock = new();
        private long _lines;
        private double _energy, _carbon, _water, _embodied;

        public Totals Totals
        {
            get
            {
                lock (_lock) return new Totals(_lines, _energy, _carbon, _water, _embodied);
            }
        }

        public Task WriteEnergyAsync(EstimatedBatch<EnergyEstimate> batch, CancellationToken cancellationToken)
        {
            lock (_lock)
            {
                _lines += batch.Lines.Count;
                foreach (var e in batch.Estimates)
                {
                    _energy += e.EnergyKwh.Central;
                    _carbon += e.CarbonLocationKgCo2e.Central;
                }
            }

            return Task.CompletedTask;
        }

        public Task WriteWaterAsync(EstimatedBatch<WaterEstimate> batch, CancellationToken cancellationToken)
        {
            lock (_lock)
            {
                foreach (var w in batch.Estimates) _water += w.WaterLitres.Central;
            }

            return Task.CompletedTask;
        }

        public Task WriteMaterialsAsync(EstimatedBatch<MaterialsEstimate> batch, CancellationToken cancellationToken)
        {
            lock (_lock)
            {
                foreach (var m in batch.Estimates) _embodied += m.EmbodiedKgCo2e.Central;
            }

            return Task.CompletedTask;
        }
    }
}

/// <summary>What Table Storage holds after an import: the detail table and the monthly aggregate Power BI sums.</summary>
internal sealed record StoredTotals(long LineEntities, long CompleteLines, Totals Detail, Totals Monthly)
{
    public static async Task<StoredTotals> ReadAsync(string connectionString, CancellationToken cancellationToken)
    {
        var tables = new EmpreinteTables(new TableServiceClient(connectionString));
        long entities = 0, complete = 0;
        double energy = 0, carbon = 0, water = 0, embodied = 0;
        await foreach (var line in tables.Lines.QueryAsync<TableEntity>(select: ["EnergyKwh", "CarbonLocationKgCo2e", "WaterLitres", "EmbodiedKgCo2e"], cancellationToken: cancellationToken))
        {
            entities++;
            // A line is complete when all three calculators merged their columns into it.
            if (line.GetDouble("EnergyKwh") is not { } e || line.GetDouble("WaterLitres") is not { } w || line.GetDouble("EmbodiedKgCo2e") is not { } m) continue;
            complete++;
            energy += e;
            carbon += line.GetDouble("CarbonLocationKgCo2e") ?? 0;
            water += w;
            embodied += m;
        }

        long monthlyLines = 0;
        double monthlyEnergy = 0, monthlyCarbon = 0, monthlyWater = 0, monthlyEmbodied = 0;
        await foreach (var group in tables.Monthly.QueryAsync<TableEntity>(select: ["Lines", "EnergyKwh", "CarbonLocationKgCo2e", "WaterLitres", "EmbodiedKgCo2e"], cancellationToken: cancellationToken))
        {
            monthlyLines += group.GetInt64("Lines") ?? 0;
            monthlyEnergy += group.GetDouble("EnergyKwh") ?? 0;
            monthlyCarbon += group.GetDouble("CarbonLocationKgCo2e") ?? 0;
            monthlyWater += group.GetDouble("WaterLitres") ?? 0;
            monthlyEmbodied += group.GetDouble("EmbodiedKgCo2e") ?? 0;
        }

        return new StoredTotals(entities, complete,
            new Totals(complete, energy, carbon, water, embodied),
            new Totals(monthlyLines, monthlyEnergy, monthlyCarbon, monthlyWater, monthlyEmbodied));
    }

    /// <summary>Expected lines that are missing or incomplete in the detail table.</summary>
    public long LinesLost(Totals expected) => Math.Max(0, expected.Lines - CompleteLines);

    /// <summary>Lines counted more than once: extra detail entities, or monthly contributions summing to more lines than the export has.</summary>
    public long LinesDuplicated(Totals expected) => Math.Max(0, LineEntities - expected.Lines) + Math.Max(0, Monthly.Lines - expected.Lines);

    /// <summary>Deletes the four tables so that the next import starts from empty storage (workers started afterwards create them again).</summary>
    public static async Task ClearAsync(string connectionString, CancellationToken cancellationToken) =>
        await new EmpreinteTables(new TableServiceClient(connectionString)).DeleteAllAsync(cancellationToken);
}
