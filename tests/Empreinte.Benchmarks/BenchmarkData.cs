using Empreinte.Contracts;
using Empreinte.Domain.Classification;
using Empreinte.Domain.Factors;
using Empreinte.Domain.Usage;
using Empreinte.Generator;
using Empreinte.Ingestion;

namespace Empreinte.Benchmarks;

/// <summary>Generated inputs shared by the micro-benchmarks, written once per machine under the temp folder.</summary>
internal static class BenchmarkData
{
    public const int Rows = 100_000;
    public const int Seed = 42;

    /// <summary>A generated FOCUS 1.0 file of <see cref="Rows"/> rows (written on first use).</summary>
    public static string File(long rows = Rows, int seed = Seed)
    {
        var path = Path.Combine(Path.GetTempPath(), "empreinte-bench", $"focus-{rows}-{seed}.csv");
        if (!System.IO.File.Exists(path) || !System.IO.File.Exists(GeneratedFile.TruthPath(path)))
        {
            var partial = path + ".partial";
            GeneratedFile.Write(partial, rows, seed);
            System.IO.File.Move(partial, path, overwrite: true);
            System.IO.File.Move(GeneratedFile.TruthPath(partial), GeneratedFile.TruthPath(path), overwrite: true);
        }

        return path;
    }

    public static List<UsageRecord> Records(int count)
    {
        using var file = ExportReader.Open(File());
        return file.Rows().Where(r => r.Record is not null).Take(count).Select(r => r.Record!).ToList();
    }

    public static List<UsageLine> Lines(int count)
    {
        var classifier = new UsageClassifier(FactorSet.Embedded);
        return Records(count).Select(classifier.Classify).ToList();
    }
}
