using Empreinte.Catalogue;
using Empreinte.Domain.Usage;

namespace Empreinte.Domain.Tests;

/// <summary>How tools/Empreinte.Catalogue reads CCF's TypeScript tables (a made-up table in the same layout) and groups hosts.</summary>
public class CatalogueBuilderTests
{
    private const string Table = """
        import { COMPUTE_PROCESSOR_TYPES, someSet } from '@example/core'

        export const SIZES: {
          [family: string]: { [size: string]: number[] } // [vcpus, memory, embodied]
        } = {
          zz1: {
            large: [2, 8, 1.5],
            '2xlarge': [8, 32, 1.5], // a comment
          },
          'yy-2': {
            metal: [64, 512],
          },
        }

        export const COUNTS: {
          [name: string]: number
        } = {
          'zz1.large': 1,
          Plain9: 4,
        }
        """;

    private const string Processors = """
        export enum COMPUTE_PROCESSOR_TYPES {
          CASCADE_LAKE = 'Cascade Lake',
          AMD_EPYC_2ND_GEN = 'AMD EPYC 2nd Gen',
        }

        export const someSet = [
          COMPUTE_PROCESSOR_TYPES.CASCADE_LAKE,
          COMPUTE_PROCESSOR_TYPES.AMD_EPYC_2ND_GEN,
        ]
        """;

    [Fact]
    public void CcfTables_ReadNestedAndFlatEntries()
    {
        var entries = CcfTables.Parse(Table);

        Assert.Equal(
            [("SIZES", "zz1", "large", "2, 8, 1.5"), ("SIZES", "zz1", "2xlarge", "8, 32, 1.5"), ("SIZES", "yy-2", "metal", "64, 512"), ("COUNTS", null, "zz1.large", "1"), ("COUNTS", null, "Plain9", "4")],
            entries.Select(e => (e.Table, e.Group, e.Key, string.Join(", ", CcfTables.Numbers(e.Value)))).ToArray());
    }

    [Fact]
    public void CcfProcessorNames_ResolveMembersAndNamedSets()
    {
        var names = new CcfTables.ProcessorNames(Processors);

        Assert.Equal(["Cascade Lake"], names.Resolve("[COMPUTE_PROCESSOR_TYPES.CASCADE_LAKE]"));
        Assert.Equal(["Cascade Lake", "AMD EPYC 2nd Gen"], names.Resolve("someSet"));
    }

    [Theory]
    [InlineData(Providers.Aws, "r5ad.12xlarge", "r5ad")]
    [InlineData(Providers.Azure, "E8-4ds v5", "Eds v5")]
    [InlineData(Providers.Azure, "NC24ads A100 v4", "NCads A100 v4")]
    [InlineData(Providers.Gcp, "n2-highmem-16", "n2-highmem")]
    public void Family_GroupsSizesThatShareAHost(string provider, string name, string family) =>
        Assert.Equal(family, CatalogueBuilder.Family(provider, name));

    [Fact]
    public void Row_WritesTheLoadersColumns_QuotingCommas()
    {
        var row = new CatalogueRow("AWS", "zz1.large", 2, 8, ["Cascade Lake", "Skylake"], null, 0, 96, 384, 1500, 75, "ssd", 2, "Intel Xeon Platinum 8259CL",
            "vCPU; GiB; GB; kgCO2e", "a, b", "Apache-2.0", 2024);

        Assert.Equal("AWS,zz1.large,2,8,Cascade Lake|Skylake,,,96,384,1500,75,ssd,2,Intel Xeon Platinum 8259CL,vCPU; GiB; GB; kgCO2e,\"a, b\",Apache-2.0,2024", row.ToCsv());
        Assert.Equal(CatalogueRow.Header.Split(',').Length, CatalogueRow.Split(row.ToCsv()).Count);
    }
}
