using System.Text.Json;
using Empreinte.Contracts;
using Empreinte.Domain.Classification;
using Empreinte.Domain.Factors;
using Empreinte.Domain.Usage;
using Empreinte.Generator;
using Empreinte.Ingestion;

namespace Empreinte.Scale.Tests;

/// <summary>
/// The generator's files are what the benchmarks and the fault suite feed the pipeline: every kind
/// it writes must be read and classified as its ground truth says, AI tokens included.
/// </summary>
public sealed class GeneratedExportTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("empreinte-generated-").FullName;

    [Theory]
    [InlineData("focus", "focus-1.0")]
    [InlineData("azure-ea", "azure-ea")]
    public void GeneratedExport_ClassifiesEveryKindAsItsGroundTruth_AiTokensIncluded(string shape, string format)
    {
        var path = Path.Combine(_directory, $"{shape}.csv");
        GeneratedFile.Write(path, 20_000, seed: 11, shape);
        using var truth = JsonDocument.Parse(File.ReadAllText(GeneratedFile.TruthPath(path)));
        var kinds = truth.RootElement.GetProperty("kinds");
        long Rows(string kind) => kinds.GetProperty(kind).GetProperty("rows").GetInt64();
        decimal Quantity(string kind) => kinds.GetProperty(kind).GetProperty("quantity").GetDecimal();

        using var file = ExportReader.Open(path);
        var classifier = new UsageClassifier(FactorSet.Embedded);
        var lines = file.Rows().Select(row => classifier.Classify(row.Record ?? throw new InvalidOperationException(row.Error!.ToString()))).ToList();

        Assert.StartsWith(format, file.Format, StringComparison.Ordinal);
        Assert.Equal(20_000, lines.Count);
        var ai = lines.Where(l => l.UsageKind == UsageKinds.AiTokens).ToList();
        Assert.True(Rows("aiTokens") > 0, "the generator writes AI token rows");
        Assert.Equal(Rows("aiTokens"), ai.Count);
        Assert.All(ai, l => Assert.Equal(LineStatuses.Mapped, l.Status));
        // The models are named on the meters (gpt-4o, Claude): no size is assumed.
        Assert.DoesNotContain(ai, l => l.Flags.Contains(AssumptionFlags.ModelSizeAssumed));
        var tokens = ai.Sum(l => (decimal)((l.InputTokens ?? 0) + (l.OutputTokens ?? 0)));
        Assert.Equal(Quantity("aiTokens"), tokens);
        Assert.Equal(Rows("virtualMachine") + Rows("gpuVirtualMachine"), lines.Count(l => l.UsageKind == UsageKinds.VirtualMachine));
        Assert.Equal(Rows("dataTransfer"), lines.Count(l => l.UsageKind == UsageKinds.Network));
        Assert.Equal(Rows("tax"), lines.Count(l => l.Status == LineStatuses.Excluded));
        Assert.Equal(lines.Count - Rows("tax"), lines.Count(l => l.Status == LineStatuses.Mapped));
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
