using System.Text;
using Empreinte.Domain.Factors;

namespace Empreinte.Domain.Tests;

public class FactorProvenanceTests
{
    private static readonly string[] _provenance = ["unit", "source", "licence", "year"];

    [Fact]
    public void EveryEmbeddedRow_HasUnitSourceLicenceAndYear()
    {
        var files = FactorSetLoader.EmbeddedFileNames();
        Assert.True(files.Count >= 12, $"expected every factor file embedded, got {files.Count}");
        var problems = new List<string>();
        foreach (var file in files)
        {
            using var stream = typeof(FactorSetLoader).Assembly.GetManifestResourceStream("Empreinte.Factors." + file)!;
            using var reader = new StreamReader(stream, Encoding.UTF8);
            var header = Split(reader.ReadLine()!);
            Assert.Equal(_provenance, header[^4..]);
            var lineNumber = 1;
            while (reader.ReadLine() is { } line)
            {
                lineNumber++;
                if (line.Length == 0 || line.StartsWith('#')) continue;
                var cells = Split(line);
                if (cells.Count != header.Count) problems.Add($"{file}:{lineNumber} has {cells.Count} cells, header has {header.Count}");
                for (var i = 0; i < 4; i++)
                {
                    var index = header.Count - 4 + i;
                    var value = index < cells.Count ? cells[index].Trim() : "";
                    if (value.Length == 0) problems.Add($"{file}:{lineNumber} lacks {_provenance[i]}");
                }

                if (cells.Count == header.Count && (!int.TryParse(cells[^1], out var year) || year is < 1990 or > 2030))
                    problems.Add($"{file}:{lineNumber} year '{cells[^1]}' is not a plausible year");
            }
        }

        Assert.Empty(problems);
    }

    [Fact]
    public void LoadedSet_EveryValueCarriesProvenance()
    {
        var set = FactorSet.Embedded;
        var provenances = set.Constants.Select(f => f.Provenance)
            .Concat(set.Cpus.Select(c => c.Provenance))
            .Concat(set.Machines.Select(m => m.Provenance))
            .Concat(set.Gpus.Select(g => g.Provenance))
            .Concat(set.Regions.Select(r => r.Provenance))
            .Concat(set.Datacenters.Select(d => d.Provenance))
            .Concat(set.GridIntensities.Select(z => z.Provenance))
            .Concat(set.ElectricityWaterIntensities.Select(z => z.Provenance))
            .Concat(set.LlmModels.Select(m => m.Provenance))
            .Concat(set.AiDatacenters.Select(d => d.Provenance))
            .Concat(set.MarketFactors.Select(m => m.Provenance))
            .Concat(set.Components.Select(c => c.Provenance))
            .Concat(set.CpuDies.Select(d => d.Provenance))
            .ToList();
        Assert.True(provenances.Count > 700);
        Assert.All(provenances, p =>
        {
            Assert.False(string.IsNullOrWhiteSpace(p.Unit));
            Assert.False(string.IsNullOrWhiteSpace(p.Source));
            Assert.False(string.IsNullOrWhiteSpace(p.Licence));
            Assert.InRange(p.Year, 1990, 2030);
        });
    }

    [Fact]
    public void DerivedCpuRows_SayTheyAreDerived_AndAreNotTreatedAsCcf()
    {
        var derived = FactorSet.Embedded.Cpus.Where(c => !c.InCcf).ToList();
        Assert.Contains(derived, c => c.Microarchitecture == "Sapphire Rapids");
        Assert.All(derived, c => Assert.Contains("derived", c.Provenance.Source, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void Version_IsNamed() => Assert.Equal(FactorSet.CurrentVersion, FactorSet.Embedded.Version);

    // The loader's own splitter, so the test reads the files exactly as the loader does.
    private static List<string> Split(string line) => FactorSetLoader.SplitCsvLine(line);
}
