using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Empreinte.Contracts;
using Empreinte.Domain.Calculators;
using Empreinte.Domain.Classification;
using Empreinte.Domain.Factors;
using Empreinte.Domain.Usage;
using Xunit.Abstractions;

namespace Empreinte.Domain.Tests;

/// <summary>
/// Differential test of <c>--profile ccf</c> against Cloud Carbon Footprint's own npm packages
/// (pinned in tests/ccf-harness/package-lock.json): the harness generates billing rows covering
/// CCF's tables and runs CCF on them; each row then goes through Empreinte's classifier and
/// calculators. Operational kWh (CCF's kWh less the embodied carbon it folds back in as kWh) and
/// total CO2e (operational + embodied) must agree within 1 %. Needs Node; installs the harness
/// with <c>npm ci</c> when it is not installed yet.
/// </summary>
public class CcfHarnessTests(ITestOutputHelper output)
{
    private const double Tolerance = 0.01;

    [Fact]
    public void CcfProfile_MatchesCcfPackages_RowByRow()
    {
        var harness = Harness.Directory();
        var file = Path.Combine(Path.GetTempPath(), $"ccf-harness-{Guid.NewGuid():N}.json");
        try
        {
            var log = Harness.Node(harness, "ccf.js", "estimate", file);
            using var document = JsonDocument.Parse(File.ReadAllText(file));
            var classifier = new UsageClassifier(FactorSet.Embedded);
            var rows = document.RootElement.GetProperty("rows");
            int total = 0, withinKwh = 0, withinCo2e = 0, failsInCcf = 0, mapped = 0;
            var unmappedKinds = new Dictionary<string, int>();
            var mismatches = new List<string>();
            foreach (var row in rows.EnumerateArray())
            {
                total++;
                var line = classifier.Classify(Record(row, total));
                if (line.Status == LineStatuses.Mapped) mapped++;
                else unmappedKinds[Describe(row, "provider", "meterCategory", "productCode")] = unmappedKinds.GetValueOrDefault(Describe(row, "provider", "meterCategory", "productCode")) + 1;
                if (row.TryGetProperty("ccfError", out var error))
                {
                    // CCF throws on the row: Empreinte must not invent a number for it.
                    failsInCcf++;
                    var e = EnergyCalculator.Estimate(line, FactorSet.Embedded, CalculationProfile.Ccf);
                    Assert.Equal(0, e.EnergyKwh.Central);
                    Assert.Contains(Calculators.Ccf.CcfMethodology.RowFailedInCcf, e.Flags);
                    continue;
                }

                var energy = EnergyCalculator.Estimate(line, FactorSet.Embedded, CalculationProfile.Ccf);
                var materials = MaterialsCalculator.Estimate(line, FactorSet.Embedded, CalculationProfile.Ccf);
                // null: CCF gives the row no estimate (CloudFront transfer, internet egress…), which is zero.
                var ccfKwh = Number(row, "ccfKwh") - Number(row, "ccfEmbodiedKwh");
                var ccfKg = Number(row, "ccfCo2eTonnes") * 1000;
                var kwh = energy.EnergyKwh.Central;
                var kg = energy.CarbonLocationKgCo2e.Central + materials.EmbodiedKgCo2e.Central;
                var kwhOk = Close(kwh, ccfKwh);
                var co2eOk = Close(kg, ccfKg);
                if (kwhOk) withinKwh++;
                if (co2eOk) withinCo2e++;
                if (!kwhOk || !co2eOk)
                    mismatches.Add($"{Describe(row)}: kWh {kwh:G6} vs CCF {ccfKwh:G6}, kgCO2e {kg:G6} vs CCF {ccfKg:G6}");
            }

            var rate = rows.GetArrayLength() > 0 ? document.RootElement.GetProperty("rowsPerSecond").GetDouble() : 0;
            // Empreinte on the same rows, warm (classifier + CCF-profile energy and materials), for issue #14's throughput ratio.
            var records = rows.EnumerateArray().Select((row, i) => Record(row, i + 1)).ToList();
            var clock = Stopwatch.StartNew();
            var checksum = 0.0;
            foreach (var record in records)
            {
                var line = classifier.Classify(record);
                checksum += EnergyCalculator.Estimate(line, FactorSet.Embedded, CalculationProfile.Ccf).EnergyKwh.Central
                    + MaterialsCalculator.Estimate(line, FactorSet.Embedded, CalculationProfile.Ccf).EmbodiedKgCo2e.Central;
            }

            var empreinteRate = records.Count / clock.Elapsed.TotalSeconds;
            Assert.True(checksum > 0);
            var summary = $"ccf-harness: {total} rows; operational kWh within 1 %: {withinKwh}/{total - failsInCcf}; " +
                $"CO2e within 1 %: {withinCo2e}/{total - failsInCcf}; documented exceptions: {failsInCcf} rows on which CCF itself throws " +
                $"(standard HDD managed disks); CCF ran {rate:F0} rows/s, Empreinte {empreinteRate:F0} rows/s " +
                $"(×{empreinteRate / rate:F1}, one warm pass each, noisy); Empreinte's classifier maps {mapped}/{total} of these rows " +
                $"(unmapped: {string.Join(", ", unmappedKinds.Select(k => $"{k.Key} {k.Value}"))})";
            output.WriteLine(log.Trim());
            output.WriteLine(summary);
            Empreinte.TestSupport.RepositoryPaths.WriteSummary("ccf-harness", summary);
            foreach (var m in mismatches.Take(40)) output.WriteLine(m);

            Assert.True(total >= 1000, $"the harness must cover at least 1,000 rows, got {total}");
            Assert.True(mismatches.Count == 0, $"{mismatches.Count} rows differ from CCF by more than 1 %:\n" + string.Join('\n', mismatches.Take(40)));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void CommittedCcfFactorData_EqualsWhatThePinnedPackagesHold()
    {
        var harness = Harness.Directory();
        var dir = Path.Combine(Path.GetTempPath(), $"ccf-extract-{Guid.NewGuid():N}");
        try
        {
            Harness.Node(harness, "ccf.js", "extract", dir);
            var data = Path.Combine(harness, "..", "..", "shared", "Empreinte.Domain", "Factors", "Data");
            var files = Directory.GetFiles(dir).Select(Path.GetFileName).Order().ToList();
            Assert.Equal(["ccf_constants.csv", "ccf_grid_packages.csv", "ccf_instances.csv", "ccf_processors.csv", "ccf_usage_types.csv"], files);
            foreach (var name in files)
                Assert.True(File.ReadAllText(Path.Combine(dir, name!)) == File.ReadAllText(Path.Combine(data, name!)),
                    $"{name} differs from what CCF's pinned packages hold: run `node tests/ccf-harness/ccf.js extract shared/Empreinte.Domain/Factors/Data`");
        }
        finally
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        }
    }

    private static double Number(JsonElement row, string property) =>
        row.GetProperty(property) is { ValueKind: JsonValueKind.Number } value ? value.GetDouble() : 0;

    private static bool Close(double actual, double expected) =>
        Math.Abs(actual - expected) <= Tolerance * Math.Max(Math.Abs(expected), 1e-12) || (Math.Abs(actual) < 1e-12 && Math.Abs(expected) < 1e-12);

    private static string Describe(JsonElement row) => Describe(row, "provider", "region", "productCode", "usageType", "meterCategory", "meterName", "unit", "amount");

    private static string Describe(JsonElement row, params string[] properties) => string.Join(' ', properties
        .Where(p => row.TryGetProperty(p, out _)).Select(p => row.GetProperty(p).ToString()));

    private static readonly DateTimeOffset _june = new(2023, 6, 15, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The record the AWS CUR or Azure cost export readers make of the row's columns.</summary>
    private static UsageRecord Record(JsonElement row, int index)
    {
        var rawUnit = row.GetProperty("unit").GetString();
        var (multiplier, unit) = Units.Normalise(rawUnit, out _);
        var quantity = row.GetProperty("amount").GetDouble() * multiplier;
        var aws = row.GetProperty("provider").GetString() == "AWS";
        var meter = aws ? row.GetProperty("usageType").GetString() : row.GetProperty("meterName").GetString();
        var category = aws ? null : row.GetProperty("meterCategory").GetString();
        return new UsageRecord
        {
            SourceFile = "ccf-harness",
            SourceRow = index,
            Provider = aws ? Providers.Aws : Providers.Azure,
            ServiceName = aws ? null : category,
            ServiceCategory = aws ? row.GetProperty("productCode").GetString() : null,
            RegionId = row.GetProperty("region").GetString(),
            ChargePeriodStart = _june,
            ChargePeriodEnd = aws ? _june.AddHours(1) : _june.AddDays(1),
            ChargeCategory = "Usage",
            SkuMeter = meter,
            MeterCategory = category,
            InstanceType = aws
                ? (row.TryGetProperty("instanceType", out var type) ? type.GetString() : null)
                : category == "Virtual Machines" ? meter!.Split('/')[0].Replace(" Spot", "", StringComparison.Ordinal).Trim() : null,
            Quantity = quantity,
            QuantityUnit = unit.Length == 0 ? null : unit,
            RawUnit = rawUnit,
            Cost = 1m,
            Currency = "USD",
        };
    }

    /// <summary>Finds tests/ccf-harness, installs it (npm ci) when needed, and runs node in it.</summary>
    internal static class Harness
    {
        private static readonly Lock _install = new();

        public static string Directory()
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "tests", "ccf-harness");
                if (File.Exists(Path.Combine(candidate, "package-lock.json"))) return candidate;
            }

            throw new InvalidOperationException("tests/ccf-harness not found above " + AppContext.BaseDirectory);
        }

        public static string Node(string harness, params string[] args)
        {
            lock (_install)
            {
                if (!System.IO.Directory.Exists(Path.Combine(harness, "node_modules", "@cloud-carbon-footprint", "aws")))
                    Run(harness, "npm", "ci", "--no-audit", "--no-fund", "--ignore-scripts");
            }

            return Run(harness, "node", args);
        }

        private static string Run(string directory, string program, params string[] args)
        {
            var info = new ProcessStartInfo(program) { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var a in args) info.ArgumentList.Add(a);
            Process process;
            try
            {
                process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {program}");
            }
            catch (System.ComponentModel.Win32Exception e)
            {
                // No skip: the comparison with CCF is part of the test suite, under CI as on a workstation.
                throw new InvalidOperationException($"'{program}' is needed by the CCF harness (Node.js 20 with npm) and could not be started: {e.Message}", e);
            }

            using (process)
            {
                var stdout = process.StandardOutput.ReadToEndAsync();
                var stderr = process.StandardError.ReadToEndAsync();
                if (!process.WaitForExit(TimeSpan.FromMinutes(10))) process.Kill(entireProcessTree: true);
                var text = stdout.Result;
                if (process.ExitCode != 0)
                    throw new InvalidOperationException($"{program} {string.Join(' ', args)} exited with {process.ExitCode.ToString(CultureInfo.InvariantCulture)}:\n{stderr.Result}\n{text}");
                return text;
            }
        }
    }
}
