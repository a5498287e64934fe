using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Empreinte.Application.Results;
using Empreinte.Domain;
using Empreinte.Domain.Recommendations;

namespace Empreinte.Application.Reporting;

/// <summary>
/// report.html: one self-contained page for a person — totals with ranges and everyday
/// equivalents, breakdowns (charts drawn by the embedded Chart.js), top resources, AI usage,
/// coverage and what to map next, recommendations, methodology. No network access needed: the
/// chart library and the data are inlined. When most usage cost is unmapped, coverage comes first.
/// </summary>
public static class ReportHtml
{
    /// <summary>Below this share of usage cost mapped, the report opens with coverage.</summary>
    public const double LowCoverageShare = 0.5;

    private const int TopN = 12;

    private static readonly Lazy<string> s_chartJs = new(() => Embedded("Empreinte.Reporting.chart.umd.min.js"));
    private static readonly Lazy<IReadOnlyList<Equivalent>> s_equivalents = new(LoadEquivalents);

    /// <summary>An everyday equivalent: so much of a criterion per unit of something familiar.</summary>
    public sealed record Equivalent(string Name, string Criterion, double PerUnit, string Unit, string Source, string Licence, int Year);

    public static IReadOnlyList<Equivalent> Equivalents => s_equivalents.Value;

    public static string Render(SummaryDocument summary, FootprintAggregator aggregate, ReportAggregate report, IReadOnlyList<Recommendation> recommendations, string language)
    {
        var t = ReportText.For(language);
        var n = new NumberFormatter(language);
        var html = new StringBuilder(capacity: 300_000);
        var charts = new List<object>();
        var lowCoverage = summary.Coverage.MappedCostShare < LowCoverageShare;

        html.Append("<!DOCTYPE html>\n<html lang=\"").Append(t.Language).Append("\"><head><meta charset=\"utf-8\">")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
            .Append("<title>").Append(E(t["title"])).Append("</title><style>").Append(Css).Append("</style></head><body>\n");
        html.Append("<header><h1>").Append(E(t["title"])).Append("</h1><p>").Append(E(t["generatedFrom"])).Append(' ')
            .Append(E(string.Join(", ", summary.Inputs.Select(i => Path.GetFileName(i.Path))))).Append(" — ")
            .Append(n.Count(summary.Rows.Total)).Append(' ').Append(E(t["rows"])).Append(" — ").Append(E(t["factorSet"])).Append(' ')
            .Append(E(summary.FactorSetVersion)).Append("</p></header>\n");

        if (lowCoverage) Coverage(html, summary, aggregate, t, n, first: true);
        Headline(html, summary, t, n);
        Breakdowns(html, summary, report, t, n, charts);
        TopResources(html, report, t, n);
        Ai(html, report, t, n);
        if (!lowCoverage) Coverage(html, summary, aggregate, t, n, first: false);
        Recommendations(html, recommendations, t, n, charts);
        Methodology(html, summary, report, t, n);

        var data = JsonSerializer.Serialize(new { charts }, s_json);
        html.Append("<script id=\"report-data\" type=\"application/json\">").Append(data).Append("</script>\n");
        html.Append("<script>").Append(s_chartJs.Value).Append("</script>\n<script>").Append(DrawScript).Append("</script>\n</body></html>\n");
        return html.ToString();
    }

    private static void Headline(StringBuilder html, SummaryDocument summary, ReportText t, NumberFormatter n)
    {
        var totals = summary.Totals;
        html.Append("<section id=\"headline\"><h2>").Append(E(t["headline"])).Append("</h2><div class=\"cards\">");
        Card(html, t["energy"], totals.EnergyKwh, "kWh", t, n);
        Card(html, t["carbonLocation"], totals.CarbonLocationKgCo2e, "kgCO2e", t, n);
        Card(html, t["carbonMarket"], totals.CarbonMarketKgCo2e, "kgCO2e", t, n);
        Card(html, t["embodied"], totals.EmbodiedKgCo2e, "kgCO2e", t, n);
        Card(html, t["water"], totals.WaterLitres, "L", t, n);
        Card(html, t["adp"], totals.AbioticDepletionKgSbEq, "kg Sb eq", t, n);
        Card(html, t["ewaste"], totals.EwasteKg, "kg", t, n);
        html.Append("</div><h3>").Append(E(t["equivalents"])).Append("</h3><ul class=\"equivalents\">");
        var carbon = totals.CarbonLocationKgCo2e.Central + totals.EmbodiedKgCo2e.Central;
        foreach (var equivalent in Equivalents)
        {
            var (value, label) = equivalent.Criterion == "carbon" ? (carbon, t["carKm"]) : (totals.WaterLitres.Central, t["showers"]);
            html.Append("<li><strong>").Append(n.Value(value / equivalent.PerUnit)).Append("</strong> ").Append(E(label))
                .Append(" <small>(").Append(E(n.Value(equivalent.PerUnit))).Append(' ').Append(E(equivalent.Unit)).Append(" — ").Append(E(t["source"])).Append(": ")
                .Append(E(equivalent.Source)).Append(", ").Append(equivalent.Year).Append(", ").Append(E(equivalent.Licence)).Append(")</small></li>");
        }

        html.Append("</ul></section>\n");
    }

    private static void Card(StringBuilder html, string name, SummaryRange range, string unit, ReportText t, NumberFormatter n) =>
        html.Append("<div class=\"card\"><div class=\"name\">").Append(E(name)).Append("</div><div class=\"value\">").Append(n.Value(range.Central))
            .Append(" <span class=\"unit\">").Append(E(unit)).Append("</span></div><div class=\"range\">").Append(E(t["range"])).Append(' ')
            .Append(n.Value(range.Low)).Append(" – ").Append(n.Value(range.High)).Append("</div></div>");

    private static void Breakdowns(StringBuilder html, SummaryDocument summary, ReportAggregate report, ReportText t, NumberFormatter n, List<object> charts)
    {
        html.Append("<section id=\"breakdowns\"><div class=\"grid\">");
        Chart(html, charts, "chart-month", t["byMonth"], "bar", report.ByMonth.OrderBy(p => p.Key, StringComparer.Ordinal).ToList(), t, stackedEmbodied: true, horizontal: false);
        Chart(html, charts, "chart-provider", t["byProvider"], "doughnut", Top(summary.ByProvider.ToDictionary(p => p.Key, p => p.Value.Totals)), t, stackedEmbodied: false, horizontal: false);
        Chart(html, charts, "chart-region", t["byRegion"], "bar", Top(summary.ByRegion.ToDictionary(p => p.Key, p => p.Value.Totals)), t, stackedEmbodied: true, horizontal: true);
        Chart(html, charts, "chart-service", t["byService"], "bar", Top(report.ByService.ToDictionary(p => p.Key, p => SummaryTotals.From(p.Value))), t, stackedEmbodied: true, horizontal: true);
        Chart(html, charts, "chart-subaccount", t["bySubAccount"], "bar", Top(report.BySubAccount.ToDictionary(p => p.Key, p => SummaryTotals.From(p.Value))), t, stackedEmbodied: true, horizontal: true);
        html.Append("</div></section>\n");
    }

    private static List<KeyValuePair<string, SummaryTotals>> Top(Dictionary<string, SummaryTotals> map) =>
        map.OrderByDescending(p => p.Value.CarbonLocationKgCo2e.Central + p.Value.EmbodiedKgCo2e.Central).ThenBy(p => p.Key, StringComparer.Ordinal).Take(TopN).ToList();

    private static void Chart(StringBuilder html, List<object> charts, string id, string title, string type, List<KeyValuePair<string, FootprintTotals>> rows, ReportText t, bool stackedEmbodied, bool horizontal) =>
        Chart(html, charts, id, title, type, rows.Select(p => new KeyValuePair<string, SummaryTotals>(p.Key, SummaryTotals.From(p.Value))).ToList(), t, stackedEmbodied, horizontal);

    private static void Chart(StringBuilder html, List<object> charts, string id, string title, string type, List<KeyValuePair<string, SummaryTotals>> rows, ReportText t, bool stackedEmbodied, bool horizontal)
    {
        html.Append("<figure><figcaption>").Append(E(title)).Append(" — ").Append(E(t["carbonAxis"])).Append("</figcaption><div class=\"chart\"><canvas id=\"")
            .Append(id).Append("\" role=\"img\" aria-label=\"").Append(E(title)).Append("\"></canvas></div></figure>");
        var labels = rows.Select(r => r.Key).ToList();
        object[] datasets = type == "doughnut"
            ? [new { label = t["carbonLocation"], data = rows.Select(r => Round(r.Value.CarbonLocationKgCo2e.Central + r.Value.EmbodiedKgCo2e.Central)).ToList(), backgroundColor = Palette }]
            : [
                new { label = t["carbonLocation"], data = rows.Select(r => Round(r.Value.CarbonLocationKgCo2e.Central)).ToList(), backgroundColor = s_green },
                new { label = t["embodied"], data = rows.Select(r => Round(r.Value.EmbodiedKgCo2e.Central)).ToList(), backgroundColor = s_lightGreen },
            ];
        charts.Add(new { id, type, labels, datasets, stacked = stackedEmbodied && type == "bar", horizontal });
    }

    private static readonly Dictionary<string, string> s_criterionText = new(StringComparer.Ordinal)
    {
        ["energyKwh"] = "energy",
        ["carbonLocationKgCo2e"] = "carbonLocation",
        ["carbonMarketKgCo2e"] = "carbonMarket",
        ["embodiedKgCo2e"] = "embodied",
        ["waterLitres"] = "water",
        ["abioticDepletionKgSbEq"] = "adp",
        ["ewasteKg"] = "ewaste",
    };

    private static readonly string[] s_green = ["#2f6f4f"];
    private static readonly string[] s_lightGreen = ["#a3c9a8"];
    private static readonly JsonSerializerOptions s_json = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };
    private static readonly string[] Palette = ["#2f6f4f", "#4f8fbf", "#d98c3f", "#8a6fbf", "#bf4f6f", "#6fbfaf", "#bfaf4f", "#7f7f7f", "#3f5fbf", "#9fbf4f", "#bf7f3f", "#5f3f7f"];

    private static double Round(double value) => Math.Round(value, 6);

    private static void TopResources(StringBuilder html, ReportAggregate report, ReportText t, NumberFormatter n)
    {
        html.Append("<section id=\"resources\"><h2>").Append(E(t["topResources"])).Append("</h2><table><thead><tr><th>").Append(E(t["resource"])).Append("</th><th>kgCO2e</th><th>kWh</th><th>L</th><th>")
            .Append(E(t["cost"])).Append("</th><th>").Append(E(t["lines"])).Append("</th></tr></thead><tbody>");
        foreach (var (resource, totals) in report.ByResource.OrderByDescending(p => p.Value.CarbonLocationKgCo2e.Central + p.Value.EmbodiedKgCo2e.Central).Take(10))
        {
            html.Append("<tr><td class=\"id\">").Append(E(resource)).Append("</td><td>").Append(n.Value(totals.CarbonLocationKgCo2e.Central + totals.EmbodiedKgCo2e.Central))
                .Append("</td><td>").Append(n.Value(totals.EnergyKwh.Central)).Append("</td><td>").Append(n.Value(totals.WaterLitres.Central))
                .Append("</td><td>").Append(n.Money(totals.Cost)).Append("</td><td>").Append(n.Count(totals.Lines)).Append("</td></tr>");
        }

        html.Append("</tbody></table></section>\n");
    }

    private static void Ai(StringBuilder html, ReportAggregate report, ReportText t, NumberFormatter n)
    {
        html.Append("<section id=\"ai\"><h2>").Append(E(t["ai"])).Append("</h2>");
        if (report.ByAiModel.Count == 0)
        {
            html.Append("<p>").Append(E(t["noAi"])).Append("</p></section>\n");
            return;
        }

        html.Append("<table><thead><tr><th>").Append(E(t["model"])).Append("</th><th>").Append(E(t["tokens"])).Append("</th><th>kWh</th><th>kgCO2e</th><th>L</th><th>")
            .Append(E(t["cost"])).Append("</th></tr></thead><tbody>");
        foreach (var (model, totals) in report.ByAiModel.OrderByDescending(p => p.Value.EnergyKwh.Central))
        {
            html.Append("<tr><td>").Append(E(model)).Append("</td><td>").Append(n.Value(report.AiTokensByModel.GetValueOrDefault(model))).Append("</td><td>")
                .Append(Ranged(totals.EnergyKwh, n)).Append("</td><td>").Append(Ranged(totals.CarbonLocationKgCo2e + totals.EmbodiedKgCo2e, n)).Append("</td><td>")
                .Append(Ranged(totals.WaterLitres, n)).Append("</td><td>").Append(n.Money(totals.Cost)).Append("</td></tr>");
        }

        html.Append("</tbody></table></section>\n");
    }

    private static string Ranged(Uncertain value, NumberFormatter n) => $"{n.Value(value.Central)} <small>({n.Value(value.Low)}–{n.Value(value.High)})</small>";

    private static void Coverage(StringBuilder html, SummaryDocument summary, FootprintAggregator aggregate, ReportText t, NumberFormatter n, bool first)
    {
        html.Append("<section id=\"coverage\"").Append(first ? " class=\"first\"" : "").Append("><h2>").Append(E(t["coverage"])).Append("</h2>");
        if (first) html.Append("<p class=\"warning\">").Append(E(t["lowCoverage"])).Append("</p>");
        html.Append("<ul><li>").Append(E(t["mappedCostShare"])).Append(": <strong>").Append(n.Percent(summary.Coverage.MappedCostShare)).Append("</strong></li><li>")
            .Append(E(t["physicalCostShare"])).Append(": ").Append(n.Percent(summary.Coverage.PhysicalCostShare)).Append("</li><li>")
            .Append(E(t["mappedRowShare"])).Append(": ").Append(n.Percent(summary.Coverage.MappedRowShare)).Append("</li></ul><h3>").Append(E(t["unmapped"])).Append("</h3>");
        if (aggregate.UnmappedGroups.Count == 0)
        {
            html.Append("<p>").Append(E(t["nothingUnmapped"])).Append("</p></section>\n");
            return;
        }

        html.Append("<table id=\"unmapped\"><thead><tr><th>").Append(E(t["provider"])).Append("</th><th>").Append(E(t["service"])).Append("</th><th>").Append(E(t["meter"]))
            .Append("</th><th>").Append(E(t["unit"])).Append("</th><th>").Append(E(t["reason"])).Append("</th><th>").Append(E(t["lines"])).Append("</th><th>")
            .Append(E(t["cost"])).Append("</th></tr></thead><tbody>");
        foreach (var (key, group) in aggregate.UnmappedGroups.OrderByDescending(g => g.Value.Cost).Take(15))
        {
            html.Append("<tr><td>").Append(E(key.Provider)).Append("</td><td>").Append(E(key.Service)).Append("</td><td>").Append(E(key.Meter)).Append("</td><td>")
                .Append(E(key.Unit)).Append("</td><td>").Append(E(key.Reason)).Append("</td><td>").Append(n.Count(group.Rows)).Append("</td><td>").Append(n.Money(group.Cost)).Append("</td></tr>");
        }

        html.Append("</tbody></table></section>\n");
    }

    private static void Recommendations(StringBuilder html, IReadOnlyList<Recommendation> recommendations, ReportText t, NumberFormatter n, List<object> charts)
    {
        html.Append("<section id=\"recommendations\"><h2>").Append(E(t["recommendations"])).Append("</h2>");
        if (recommendations.Count == 0)
        {
            html.Append("<p class=\"empty\">").Append(E(t["noRecommendations"])).Append("</p></section>\n");
            return;
        }

        html.Append("<figure><figcaption>").Append(E(t["savings"])).Append(" — kgCO2e</figcaption><div class=\"chart\"><canvas id=\"chart-recommendations\"></canvas></div></figure>");
        var top = recommendations.Take(TopN).ToList();
        charts.Add(new
        {
            id = "chart-recommendations",
            type = "bar",
            labels = top.Select(r => $"{r.From} → {r.To}").ToList(),
            datasets = new[] { new { label = "kgCO2e", data = top.Select(r => Round(r.Savings.TotalCarbonKgCo2e.Central)).ToList(), backgroundColor = s_green } },
            stacked = false,
            horizontal = true,
        });

        html.Append("<table><thead><tr><th>").Append(E(t["kind"])).Append("</th><th>").Append(E(t["scope"])).Append("</th><th>").Append(E(t["change"])).Append("</th><th>")
            .Append(E(t["savings"])).Append("</th><th>").Append(E(t["tradeOffs"])).Append("</th><th>").Append(E(t["confidence"])).Append("</th></tr></thead><tbody>");
        foreach (var r in recommendations)
        {
            html.Append("<tr><td>").Append(E(r.Kind)).Append(r.Heuristic ? $" <em>({E(t["heuristic"])})</em>" : "").Append("</td><td>").Append(E(r.Scope.ToString()))
                .Append("</td><td>").Append(E(r.From)).Append(" → ").Append(E(r.To)).Append("<br><small>").Append(E(r.RationaleText.Render(t.Language))).Append("</small></td><td><ul class=\"savings\">");
            foreach (var (name, unit, value) in Footprint.Criteria)
                html.Append("<li>").Append(E(t[s_criterionText[name]])).Append(": ").Append(Ranged(value(r.Savings), n)).Append(' ').Append(E(unit)).Append("</li>");
            html.Append("</ul></td><td><ul>");
            foreach (var tradeOff in r.TradeOffTexts) html.Append("<li>").Append(E(tradeOff.Render(t.Language))).Append("</li>");
            html.Append("</ul></td><td>").Append(E(r.Confidence)).Append("</td></tr>");
        }

        html.Append("</tbody></table></section>\n");
    }

    private static void Methodology(StringBuilder html, SummaryDocument summary, ReportAggregate report, ReportText t, NumberFormatter n)
    {
        html.Append("<section id=\"methodology\"><h2>").Append(E(t["methodology"])).Append("</h2><p>").Append(E(t["methodologyText"])).Append("</p><ul><li>")
            .Append(E(t["factorSet"])).Append(": ").Append(E(summary.FactorSetVersion)).Append("</li><li>").Append(E(t["methodologyVersion"])).Append(": ")
            .Append(E(summary.MethodologyVersion)).Append("</li><li>").Append(E(t["profile"])).Append(": ").Append(E(summary.Profile)).Append("</li><li>")
            .Append(E(t["chartsLibrary"])).Append("</li></ul><h3>").Append(E(t["assumptions"])).Append("</h3>");
        var carbon = summary.Totals.CarbonLocationKgCo2e.Central + summary.Totals.EmbodiedKgCo2e.Central;
        var flags = report.ByFlag.OrderByDescending(p => p.Value.CarbonLocationKgCo2e.Central + p.Value.EmbodiedKgCo2e.Central).Take(8).ToList();
        if (flags.Count == 0)
        {
            html.Append("<p>").Append(E(t["noAssumptions"])).Append("</p></section>\n");
            return;
        }

        html.Append("<table><thead><tr><th>").Append(E(t["flag"])).Append("</th><th>").Append(E(t["lines"])).Append("</th><th>").Append(E(t["carbonShare"])).Append("</th></tr></thead><tbody>");
        foreach (var (flag, totals) in flags)
        {
            var share = carbon > 0 ? (totals.CarbonLocationKgCo2e.Central + totals.EmbodiedKgCo2e.Central) / carbon : 0;
            html.Append("<tr><td>").Append(E(flag)).Append("</td><td>").Append(n.Count(totals.Lines)).Append("</td><td>").Append(n.Percent(share)).Append("</td></tr>");
        }

        html.Append("</tbody></table></section>\n");
    }

    private static string E(string? text) => WebUtility.HtmlEncode(text ?? "");

    private static string Embedded(string name)
    {
        using var stream = typeof(ReportHtml).Assembly.GetManifestResourceStream(name) ?? throw new InvalidOperationException($"{name} is not embedded.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }

    private static List<Equivalent> LoadEquivalents()
    {
        var rows = new List<Equivalent>();
        using var reader = new StringReader(Embedded("Empreinte.Reporting.equivalents.csv"));
        reader.ReadLine();
        while (reader.ReadLine() is { Length: > 0 } line)
        {
            var cells = Domain.Factors.FactorSetLoader.SplitCsvLine(line);
            rows.Add(new Equivalent(cells[0], cells[1], double.Parse(cells[2], CultureInfo.InvariantCulture), cells[3], cells[4], cells[5], int.Parse(cells[6], CultureInfo.InvariantCulture)));
        }

        return rows;
    }

    /// <summary>Numbers as a reader of the language writes them (the build runs with invariant globalization, so the separators are set here).</summary>
    private sealed class NumberFormatter
    {
        private readonly NumberFormatInfo _format;

        public NumberFormatter(string language)
        {
            _format = (NumberFormatInfo)CultureInfo.InvariantCulture.NumberFormat.Clone();
            if (language == "fr")
            {
                _format.NumberDecimalSeparator = ",";
                _format.NumberGroupSeparator = "\u202f";
                _format.PercentDecimalSeparator = ",";
                _format.PercentGroupSeparator = "\u202f";
            }
        }

        public string Value(double value) => Math.Abs(value) switch
        {
            0 => "0",
            >= 100 => value.ToString("N0", _format),
            >= 1 => value.ToString("N2", _format),
            >= 0.001 => value.ToString("0.####", _format),
            _ => value.ToString("0.##E+0", _format),
        };

        public string Count(long value) => value.ToString("N0", _format);

        public string Money(decimal value) => value.ToString("N2", _format);

        public string Percent(double share) => (share * 100).ToString("N1", _format) + "\u00a0%";
    }

    private const string Css = """
        body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0 auto;max-width:1200px;padding:1rem 2rem;color:#1d2b24;background:#fbfcfa}
        h1{margin-bottom:.2rem}header p{color:#5b6b62;margin-top:0}h2{border-bottom:2px solid #2f6f4f;padding-bottom:.2rem;margin-top:2rem}
        .cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(250px,1fr));gap:.8rem}
        .card{background:#fff;border:1px solid #d6e2da;border-radius:8px;padding:.7rem 1rem}.card .name{font-size:.85rem;color:#5b6b62}
        .card .value{font-size:1.6rem;font-weight:600}.card .unit{font-size:.9rem;font-weight:400}.card .range{font-size:.8rem;color:#5b6b62}
        .grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(520px,1fr));gap:1rem}figure{margin:0;background:#fff;border:1px solid #d6e2da;border-radius:8px;padding:.6rem}
        figcaption{font-weight:600;font-size:.9rem;margin-bottom:.4rem}.chart{position:relative;height:280px}
        table{border-collapse:collapse;width:100%;font-size:.85rem;background:#fff}th,td{border:1px solid #d6e2da;padding:.3rem .5rem;text-align:left;vertical-align:top}
        th{background:#eef4f0}td.id{word-break:break-all;max-width:420px}ul.savings{margin:0;padding-left:1rem}small{color:#5b6b62}
        .warning{background:#fff4e0;border-left:4px solid #d98c3f;padding:.5rem .8rem}.empty{font-style:italic}
        """;

    // Draws every chart described in #report-data with animation off (so a headless browser's
    // screenshot shows them), then records on <html> how many were drawn and how many painted
    // pixels, and any script error: the browser test reads these attributes.
    private const string DrawScript = """
        (function () {
          var root = document.documentElement;
          root.dataset.errors = "0";
          window.addEventListener("error", function () { root.dataset.errors = String(Number(root.dataset.errors) + 1); });
          var spec = JSON.parse(document.getElementById("report-data").textContent);
          root.dataset.chartsExpected = String(spec.charts.length);
          var drawn = 0, painted = 0;
          spec.charts.forEach(function (c) {
            var canvas = document.getElementById(c.id);
            var horizontal = c.horizontal === true;
            var options = { animation: false, responsive: true, maintainAspectRatio: false, indexAxis: horizontal ? "y" : "x",
              plugins: { legend: { display: c.type === "doughnut" || c.datasets.length > 1 } } };
            if (c.type !== "doughnut") options.scales = { x: { stacked: c.stacked }, y: { stacked: c.stacked } };
            new Chart(canvas, { type: c.type, data: { labels: c.labels, datasets: c.datasets }, options: options });
            drawn++;
            var pixels = canvas.getContext("2d").getImageData(0, 0, canvas.width, canvas.height).data;
            for (var i = 3; i < pixels.length; i += 4) { if (pixels[i] !== 0) { painted++; break; } }
          });
          root.dataset.chartsDrawn = String(drawn);
          root.dataset.chartsPainted = String(painted);
        })();
        """;
}
