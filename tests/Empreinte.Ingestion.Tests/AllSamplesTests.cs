namespace Empreinte.Ingestion.Tests;

/// <summary>Every export under ../shared/samples: detected as its true format, and accepted + rejected = data rows.</summary>
public class AllSamplesTests
{
    public static TheoryData<string, string, int> Exports => new()
    {
        { "focus/focus-1.0_sample_1000_multicloud.csv", "focus-1.0", 1000 },
        { "azure/finops-toolkit_EA_ActualCost_Small.csv", "azure-ea", 11 },
        { "azure/finops-toolkit_EA_AmortizedCost_Small.csv", "azure-ea", 28 },
        { "azure/finops-toolkit_EA_NoRows.csv", "azure-ea", 0 },
        { "azure/focus_converters_sample-anonymous-ea-export-dataset.csv", "azure-ea", 27 },
        { "azure/koku_azure_ea-v2-PascalCase.csv", "azure-ea", 5 },
        { "azure/koku_azure_mca-v2-camelCase.csv", "azure-mca", 4 },
        { "azure/koku_azure_legacy-usage-camelCased.csv", "azure-legacy", 3 },
        { "azure/koku_azure_legacy-costreport-PascalCase.csv", "azure-legacy", 3 },
        { "aws/focus_converters_sample-anonymous-aws-cur-legacy.csv", "aws-cur", 1281 },
        { "aws/koku_cur-legacy_2023-06-01.csv", "aws-cur", 3 },
        { "aws/koku_cur-legacy-athena-snakecase_2022-07-01-alt-columns.csv", "aws-cur-athena", 2 },
        { "aws/koku_test_cur.csv", "aws-cur", 19 },
        { "aws/koku_cur_delivery_example/koku-local-1.csv.gz", "aws-cur", 13380 },
        { "aws/koku_cur_delivery_example/koku-local-Manifest.json", "aws-cur", 13380 },
        { "gcp/koku_gcp_standard_202011.csv", "gcp-billing", 25 },
        { "gcp/koku_gcp_detailed_2022-08-01.csv", "gcp-billing", 9 },
        { "oci/focus_converters_oci_reports_cost-csv_0000000030000269.csv", "oci-cost", 506 },
        { "ai/openai_usage_completions_response_example.json", "openai-usage", 1 },
        { "ai/openai_usage_completions_result_object_example.json", "openai-usage", 1 },
        { "ai/openai_costs_response_example.json", "openai-costs", 1 },
        { "ai/openai_costs_result_object_example.json", "openai-costs", 1 },
    };

    [Theory]
    [MemberData(nameof(Exports))]
    public void Sample_IsDetected_AndEveryRowIsAcceptedOrRejected(string relative, string format, int rows)
    {
        var path = Samples.Path(relative);
        if (path is null) { Assert.Null(Samples.Root); return; }

        var read = Samples.ReadFile(path, out var detected);
        Assert.Equal(format, detected);
        Assert.Equal(rows, read.Count(r => r.Record is not null) + read.Count(r => r.Error is not null));
        Assert.All(read, r => Assert.True(r.Record is null != (r.Error is null)));
        Assert.Empty(read.Where(r => r.Error is not null).Select(r => r.Error!.ToString()).Take(5));
    }

    [Fact]
    public void FocusSpecExamples_AreAllFocus12_AndReadWithoutRejects()
    {
        var folder = Samples.Path("focus/spec-v1.2-examples/commitment_discount_flexibility/one_hundred_percent_utilization_with_commitment_discount_flexibility_with_1_resource.csv");
        if (folder is null) { Assert.Null(Samples.Root); return; }

        var files = Directory.GetFiles(Path.Combine(Samples.Root!, "focus", "spec-v1.2-examples"), "*.csv", SearchOption.AllDirectories);
        Assert.True(files.Length >= 25, $"expected the 25+ spec example CSVs, found {files.Length}");
        foreach (var file in files)
        {
            var rows = Samples.ReadFile(file, out var format);
            Assert.StartsWith("focus-1.", format, StringComparison.Ordinal);
            Assert.NotEmpty(rows);
            // The spec's examples have non-conformant cells: ChargePeriodEnd "2023-02-01T30:00:00Z" (hour 30) and
            // currency-formatted costs ("$50,000.00 ", the spec forbids symbols and separators). They are rejected
            // with file, row and column; the other rows are still read.
            Assert.All(rows.Where(r => r.Error is not null), r =>
            {
                Assert.Equal(Path.GetFileName(file), r.Error!.File);
                Assert.True(r.Error.Row > 0 && r.Error.Column is not null, r.Error.ToString());
                Assert.True(r.Error.Message.Contains("T30:00:00Z", StringComparison.Ordinal) || r.Error.Message.Contains('$', StringComparison.Ordinal), r.Error.ToString());
            });
        }
    }
}
