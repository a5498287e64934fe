using Azure.Data.Tables;
using Empreinte.Application.Results;
using Empreinte.Contracts;
using Empreinte.Domain;
using Empreinte.Domain.Calculators;
using Empreinte.Domain.Usage;

namespace Empreinte.Tables;

/// <summary>
/// Writes estimates to Table Storage: the detail table (one entity per line), the monthly
/// aggregate (one batch's contribution per month and dimensions) and the unmapped groups. Every
/// write is an upsert-merge on deterministic keys with only the calling calculator's columns
/// (plus identity columns, identical whichever calculator writes them), so calculators may finish
/// in any order, twice, or for a re-import of the same file, and the tables still sum right.
/// </summary>
public sealed class TableResultSink(EmpreinteTables tables) : IEstimateSink
{
    public Task WriteEnergyAsync(EstimatedBatch<EnergyEstimate> batch, CancellationToken cancellationToken) =>
        WriteAsync(batch, TableColumns.Energy, EnergySums, cancellationToken);

    public Task WriteWaterAsync(EstimatedBatch<WaterEstimate> batch, CancellationToken cancellationToken) =>
        WriteAsync(batch, TableColumns.Water, WaterSums, cancellationToken);

    public Task WriteMaterialsAsync(EstimatedBatch<MaterialsEstimate> batch, CancellationToken cancellationToken) =>
        WriteAsync(batch, TableColumns.Materials, MaterialsSums, cancellationToken);

    private async Task WriteAsync<T>(
        EstimatedBatch<T> batch,
        Action<TableEntity, T> ownColumns,
        Action<TableEntity, IEnumerable<T>> ownSums,
        CancellationToken cancellationToken)
    {
        await tables.EnsureCreatedAsync(cancellationToken);
        // The unmapped table holds identity columns only; every calculator writes the same values,
        // so it is complete whichever calculator finishes first (and duplicates change nothing).
        await Task.WhenAll(
            TableBatchWriter.UpsertMergeAsync(tables.Lines, LineEntities(batch, ownColumns), cancellationToken),
            TableBatchWriter.UpsertMergeAsync(tables.Monthly, MonthlyEntities(batch, ownSums), cancellationToken),
            TableBatchWriter.UpsertMergeAsync(tables.Unmapped, UnmappedEntities(batch), cancellationToken));
    }

    private static IEnumerable<TableEntity> LineEntities<T>(EstimatedBatch<T> batch, Action<TableEntity, T> ownColumns)
    {
        for (var i = 0; i < batch.Lines.Count; i++)
        {
            var line = batch.Lines[i];
            var entity = new TableEntity(LinesKeys.PartitionKey(line), LinesKeys.RowKey(line));
            TableColumns.LineIdentity(entity, line, batch.ImportId, batch.BatchNumber, batch.FactorSetVersion);
            ownColumns(entity, batch.Estimates[i]);
            yield return entity;
        }
    }

    private static IEnumerable<TableEntity> MonthlyEntities<T>(EstimatedBatch<T> batch, Action<TableEntity, IEnumerable<T>> ownSums)
    {
        var groups = batch.Lines.Select((line, index) => (line, estimate: batch.Estimates[index]))
            .GroupBy(x => (Month: KeyText.MonthOf(x.line.ChargePeriodStart), x.line.SourceFile, Dimensions: MonthlyDimensions.Of(x.line)));
        foreach (var group in groups)
        {
            var (month, sourceFile, dimensions) = group.Key;
            var entity = new TableEntity(MonthlyKeys.PartitionKey(month, sourceFile, batch.BatchNumber), MonthlyKeys.RowKey(sourceFile, batch.BatchNumber, dimensions))
            {
                ["Month"] = month,
                ["MonthStart"] = MonthStart(group.First().line.ChargePeriodStart),
                ["SourceFile"] = sourceFile,
                ["BatchNumber"] = batch.BatchNumber,
                ["ImportId"] = batch.ImportId.ToString(),
                ["FactorSetVersion"] = batch.FactorSetVersion,
                ["Provider"] = dimensions.Provider,
                ["SubAccountId"] = dimensions.SubAccountId,
                ["SubAccountName"] = dimensions.SubAccountName,
                ["ServiceCategory"] = dimensions.ServiceCategory,
                ["ServiceName"] = dimensions.ServiceName,
                ["RegionId"] = dimensions.RegionId,
                ["UsageKind"] = dimensions.UsageKind,
                ["Status"] = dimensions.Status,
                ["Currency"] = dimensions.Currency,
                ["Lines"] = (long)group.Count(),
                ["Cost"] = (double)group.Sum(x => x.line.Cost),
            };
            ownSums(entity, group.Select(x => x.estimate));
            yield return entity;
        }
    }

    private static IEnumerable<TableEntity> UnmappedEntities<T>(EstimatedBatch<T> batch)
    {
        var groups = batch.Lines.Where(l => l.Status == LineStatuses.Unmapped)
            .GroupBy(l => (Month: KeyText.MonthOf(l.ChargePeriodStart), l.SourceFile, Group: new UnmappedGroupKey(l.Provider, l.ServiceName, l.SkuMeter, l.QuantityUnit, l.Reason, l.Currency)));
        foreach (var group in groups)
        {
            var (month, sourceFile, key) = group.Key;
            yield return new TableEntity(UnmappedKeys.PartitionKey(month, sourceFile, batch.BatchNumber), UnmappedKeys.RowKey(sourceFile, batch.BatchNumber, key))
            {
                ["Month"] = month,
                ["SourceFile"] = sourceFile,
                ["BatchNumber"] = batch.BatchNumber,
                ["ImportId"] = batch.ImportId.ToString(),
                ["Provider"] = key.Provider,
                ["ServiceName"] = key.ServiceName,
                ["Meter"] = key.Meter,
                ["Unit"] = key.Unit,
                ["Reason"] = key.Reason,
                ["Currency"] = key.Currency,
                ["Rows"] = (long)group.Count(),
                ["Quantity"] = group.Sum(l => l.Quantity ?? 0),
                ["Cost"] = (double)group.Sum(l => l.Cost),
            };
        }
    }

    private static DateTimeOffset? MonthStart(DateTimeOffset? chargePeriodStart) =>
        chargePeriodStart is { } start ? new DateTimeOffset(start.UtcDateTime.Year, start.UtcDateTime.Month, 1, 0, 0, 0, TimeSpan.Zero) : null;

    private static void EnergySums(TableEntity entity, IEnumerable<EnergyEstimate> estimates)
    {
        Uncertain energy = default, location = default, market = default;
        foreach (var e in estimates)
        {
            energy += e.EnergyKwh;
            location += e.CarbonLocationKgCo2e;
            market += e.CarbonMarketKgCo2e;
        }

        TableColumns.Range(entity, "EnergyKwh", energy);
        TableColumns.Range(entity, "CarbonLocationKgCo2e", location);
        TableColumns.Range(entity, "CarbonMarketKgCo2e", market);
    }

    private static void WaterSums(TableEntity entity, IEnumerable<WaterEstimate> estimates)
    {
        Uncertain water = default;
        double onSite = 0, offSite = 0;
        foreach (var w in estimates)
        {
            water += w.WaterLitres;
            onSite += w.OnSiteLitres.Central;
            offSite += w.OffSiteLitres.Central;
        }

        TableColumns.Range(entity, "WaterLitres", water);
        entity["WaterOnSiteLitres"] = onSite;
        entity["WaterOffSiteLitres"] = offSite;
    }

    private static void MaterialsSums(TableEntity entity, IEnumerable<MaterialsEstimate> estimates)
    {
        Uncertain embodied = default, abiotic = default, ewaste = default;
        foreach (var m in estimates)
        {
            embodied += m.EmbodiedKgCo2e;
            abiotic += m.AbioticDepletionKgSbEq;
            ewaste += m.EwasteKg;
        }

        TableColumns.Range(entity, "EmbodiedKgCo2e", embodied);
        TableColumns.Range(entity, "AbioticDepletionKgSbEq", abiotic);
        TableColumns.Range(entity, "EwasteKg", ewaste);
    }
}
