namespace Empreinte.Domain.Tests;

/// <summary>
/// Grid factors re-checked against the sources their rows cite (co2.js @27cbe83: Ember 2024 and Electricity Maps 2025;
/// CCF @b7a049c; Google region-carbon-info 2025): each row's central is the cited central source and its range covers
/// every other value it cites.
/// </summary>
public class GridSourceTests
{
    [Theory]
    // zone, Ember 2024 (central), the other cited values (g CO2e/kWh), words the source must name
    [InlineData("IRL", 279.79, new[] { 278.6, 301 }, new[] { "Ember 2024", "northeurope", "Electricity Maps 2025" })]
    [InlineData("BEL", 117.58, new[] { 110, 126.43, 180 }, new[] { "Ember 2024", "europe-west1", "region-carbon-info 2025", "Electricity Maps 2025" })]
    [InlineData("FIN", 72.25, new[] { 29.84, 127, 68 }, new[] { "Ember 2024", "europe-north1", "region-carbon-info 2025", "Electricity Maps 2025" })]
    public void GridRow_CentralIsEmber_AndRangeCoversEveryCitedSource(string zone, double ember, double[] others, string[] cited)
    {
        var row = Lines.Factors.GridIntensity(zone)!;
        Assert.Equal(ember, row.Value.Central, 6);
        Assert.All(others, v => Assert.InRange(v, row.Value.Low, row.Value.High));
        Assert.All(cited, word => Assert.Contains(word, row.Provenance.Source, StringComparison.Ordinal));
    }
}
