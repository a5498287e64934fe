using System.Reflection;
using System.Text;
using Empreinte.Contracts;
using Empreinte.Domain.Calculators;
using Empreinte.Domain.Calculators.Ccf;
using Empreinte.Domain.Factors;
using Empreinte.Domain.Usage;

namespace Empreinte.Domain.Tests;

/// <summary>Methodologies are strategies chosen once by name; factor keys are resolved when a factor set loads; a factor set holds no mutable state.</summary>
public class MethodologyTests
{
    [Fact]
    public void Methodologies_AreChosenByName_DefaultWhenEmpty_UnknownRefused()
    {
        Assert.True(Methodologies.TryGet("ccf", out var ccf));
        Assert.IsType<CcfMethodology>(ccf);
        Assert.True(Methodologies.TryGet("CCF", out var upper));
        Assert.Same(ccf, upper);
        Assert.True(Methodologies.TryGet("default", out var own));
        Assert.IsType<EmpreinteMethodology>(own);
        Assert.True(Methodologies.TryGet(null, out var none));
        Assert.Same(own, none);
        Assert.True(Methodologies.TryGet("", out var empty));
        Assert.Same(own, empty);
        Assert.False(Methodologies.TryGet("boavizta", out _));
        Assert.Equal(Methodologies.All.Count, Methodologies.All.Select(m => m.Name).Distinct(StringComparer.OrdinalIgnoreCase).Count());

        // The profile names travel in messages: each enum value names its methodology and parses back.
        foreach (var profile in Enum.GetValues<CalculationProfile>())
        {
            var name = CalculationProfiles.NameOf(profile);
            Assert.Equal(Methodologies.For(profile).Name, name);
            Assert.True(CalculationProfiles.TryParse(name, out var parsed));
            Assert.Equal(profile, parsed);
        }
    }

    [Fact]
    public void Ccf_EstimatesAwsLinesItsCodeCovers_EvenUnmapped_DefaultOnlyMapped()
    {
        var unmapped = Lines.Base(Providers.Aws, UsageKinds.Unmapped, "us-east-1") with
        {
            Status = LineStatuses.Unmapped,
            ServiceCategory = "AmazonEC2",
            SkuMeter = "BoxUsage:m5.large",
            Quantity = 10,
            QuantityUnit = Units.Hours,
        };
        Assert.False(Methodologies.Default.Covers(unmapped));
        Assert.True(Methodologies.Ccf.Covers(unmapped));
        var energy = Methodologies.Ccf.Energy(unmapped, Lines.Factors);
        Assert.True(energy.EnergyKwh.Central > 0);
        Assert.Equal(energy.EnergyKwh.Low, energy.EnergyKwh.High);

        var excluded = Lines.Base(Providers.Gcp, UsageKinds.NonUsage, null) with { Status = LineStatuses.Excluded };
        Assert.All(Methodologies.All, m => Assert.False(m.Covers(excluded)));
    }

    [Fact]
    public void EstimateOfAllThree_EqualsEachCriterion_ForEveryMethodology()
    {
        UsageLine[] lines =
        [
            Lines.Machine(Providers.Aws, "m5.xlarge", "us-east-1", 3),
            Lines.Machine(Providers.Azure, "D4s v3", "westeurope", 2),
            Lines.Machine(Providers.Gcp, "n2-standard-4", "europe-west1", 5),
            Lines.Storage(Providers.Aws, "eu-west-1", 200),
            Lines.Tokens("OpenAI", null, "gpt-4o", 5000, 1000),
            Lines.GpuHours(Providers.Gcp, "us-central1", "H100", 2, 4),
        ];
        foreach (var methodology in Methodologies.All)
        {
            foreach (var line in lines)
            {
                var all = methodology.Estimate(line, Lines.Factors);
                var energy = methodology.Energy(line, Lines.Factors);
                var water = methodology.Water(line, Lines.Factors);
                var materials = methodology.Materials(line, Lines.Factors);
                Assert.True(energy.EnergyKwh.Central > 0, $"{methodology.Name} {line.UsageKind}");
                Assert.Equal(energy.EnergyKwh, all.Energy.EnergyKwh);
                Assert.Equal(energy.CarbonLocationKgCo2e, all.Energy.CarbonLocationKgCo2e);
                Assert.Equal(energy.CarbonMarketKgCo2e, all.Energy.CarbonMarketKgCo2e);
                Assert.Equal(energy.Flags, all.Energy.Flags);
                Assert.Equal(water.WaterLitres, all.Water.WaterLitres);
                Assert.Equal(water.Flags, all.Water.Flags);
                Assert.Equal(materials.EmbodiedKgCo2e, all.Materials.EmbodiedKgCo2e);
                Assert.Equal(materials.AbioticDepletionKgSbEq, all.Materials.AbioticDepletionKgSbEq);
                Assert.Equal(materials.Flags, all.Materials.Flags);
            }
        }
    }

    [Fact]
    public void EveryFactorKey_ResolvesToTheRowOfItsName()
    {
        var factors = Lines.Factors;
        Assert.True(FactorKeys.All.Count >= 70, $"{FactorKeys.All.Count} keys");
        Assert.Equal(FactorKeys.All.Count, FactorKeys.All.Select(k => (k.Table, k.Name)).Distinct().Count());
        foreach (var key in FactorKeys.All)
        {
            var byName = key.Table == FactorTable.Constants ? factors.Constant(key.Name) : factors.Component(key.Name);
            Assert.Same(byName, factors[key]);
            Assert.Equal(byName.Value, factors.Value(key));
        }
    }

    [Fact]
    public void FactorSetWithoutARowTheCalculatorsRead_FailsToLoad_NamingTheRow()
    {
        var error = Assert.Throws<InvalidDataException>(() => Load(file => file == "constants.csv"
            ? line => !line.StartsWith("server-lifespan-hours,", StringComparison.Ordinal)
            : null));
        Assert.Contains("constants.csv 'server-lifespan-hours'", error.Message, StringComparison.Ordinal);
        Assert.Contains("test-version", error.Message, StringComparison.Ordinal);

        var component = Assert.Throws<InvalidDataException>(() => Load(file => file == "components.csv"
            ? line => !line.StartsWith("case-kgsbeq,", StringComparison.Ordinal)
            : null));
        Assert.Contains("components.csv 'case-kgsbeq'", component.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FactorSet_HoldsNoMutableState()
    {
        var fields = typeof(FactorSet).GetFields(BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public);
        Assert.NotEmpty(fields);
        Assert.All(fields, f =>
        {
            Assert.True(f.IsInitOnly, $"{f.Name} is not readonly");
            var type = f.FieldType;
            var mutableCollection = type.Namespace == "System.Collections.Concurrent"
                || (type.IsGenericType && type.GetGenericTypeDefinition() is var g && (g == typeof(Dictionary<,>) || g == typeof(List<>) || g == typeof(HashSet<>)));
            Assert.False(mutableCollection, $"{f.Name} is a mutable {type.Name}");
        });

        // No per-thread state anywhere in the domain either (a methodology is a pure function of line and factor set).
        var threadStatic = typeof(FactorSet).Assembly.GetTypes()
            .SelectMany(t => t.GetFields(BindingFlags.Static | BindingFlags.NonPublic | BindingFlags.Public))
            .Where(f => f.IsDefined(typeof(ThreadStaticAttribute)))
            .Select(f => f.DeclaringType + "." + f.Name)
            .ToList();
        Assert.Empty(threadStatic);
    }

    [Fact]
    public void SitesAndHosts_AreRememberedPerFactorSet()
    {
        var line = Lines.Machine(Providers.Azure, "D4s v3", "westeurope", 1);
        var embedded = Methodologies.Default.Energy(line, Lines.Factors);
        var embeddedMaterials = Methodologies.Default.Materials(line, Lines.Factors);
        // The same data with the Dutch grid doubled and the server case twice as heavy in carbon.
        var changed = Load(_ => null, file => file switch
        {
            "grid_intensity.csv" => line => line.StartsWith("NLD,", StringComparison.Ordinal) ? "NLD,505.4,505.4,656.8" + line[line.IndexOf(",gCO2e", StringComparison.Ordinal)..] : line,
            "components.csv" => line => line.StartsWith("case-kgco2e,", StringComparison.Ordinal) ? Twice(line) : line,
            _ => line => line,
        });

        var again = Methodologies.Default.Energy(line, changed);
        Assert.Equal(2 * embedded.CarbonLocationKgCo2e.Central, again.CarbonLocationKgCo2e.Central, 12);
        Assert.Equal(embedded.EnergyKwh.Central, again.EnergyKwh.Central, 15);
        Assert.True(Methodologies.Default.Materials(line, changed).EmbodiedKgCo2e.Central > embeddedMaterials.EmbodiedKgCo2e.Central);
        // And the embedded set still gives its own values afterwards.
        Assert.Equal(embedded.CarbonLocationKgCo2e, Methodologies.Default.Energy(line, Lines.Factors).CarbonLocationKgCo2e);
        Assert.Equal(embeddedMaterials.EmbodiedKgCo2e, Methodologies.Default.Materials(line, Lines.Factors).EmbodiedKgCo2e);
    }

    private static string Twice(string csvLine)
    {
        // name,low,central,high,…: each bound doubled.
        var cells = FactorSetLoader.SplitCsvLine(csvLine);
        for (var i = 1; i <= 3; i++)
        {
            if (cells[i].Length > 0) cells[i] = (2 * double.Parse(cells[i], System.Globalization.CultureInfo.InvariantCulture)).ToString("R", System.Globalization.CultureInfo.InvariantCulture);
        }

        return string.Join(',', cells.Select(c => c.Contains(',', StringComparison.Ordinal) || c.Contains('"', StringComparison.Ordinal) ? "\"" + c.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : c));
    }

    /// <summary>The embedded factor files, with the lines of some files kept by a filter or rewritten.</summary>
    private static FactorSet Load(Func<string, Func<string, bool>?> keep, Func<string, Func<string, string>>? rewrite = null) =>
        FactorSetLoader.Load("test-version", file =>
        {
            using var stream = typeof(FactorSetLoader).Assembly.GetManifestResourceStream("Empreinte.Factors." + file)!;
            using var reader = new StreamReader(stream, Encoding.UTF8);
            var header = reader.ReadLine()!;
            var filter = keep(file) ?? (_ => true);
            var map = rewrite?.Invoke(file) ?? (line => line);
            var text = new StringBuilder(header).Append('\n');
            while (reader.ReadLine() is { } line)
            {
                if (filter(line)) text.Append(map(line)).Append('\n');
            }

            return new StringReader(text.ToString());
        });
}
