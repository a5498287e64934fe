using Empreinte.Contracts;
using Empreinte.Tables;

namespace Empreinte.Application.Tests.Tables;

public sealed class KeysTests
{
    private static UsageLine Line(string file, long row, string? subAccount = "sub-1", string? resource = "vm-1") => new()
    {
        SourceFile = file,
        SourceRow = row,
        Provider = "Azure",
        ChargeCategory = "Usage",
        Status = "mapped",
        UsageKind = "virtual-machine",
        SubAccountId = subAccount,
        ResourceId = resource,
        ChargePeriodStart = new DateTimeOffset(2024, 9, 14, 0, 0, 0, TimeSpan.Zero),
    };

    [Fact]
    public void LineKeys_AreTheSameEveryTime()
    {
        Assert.Equal(LinesKeys.RowKey(Line("export.csv", 42)), LinesKeys.RowKey(Line("export.csv", 42)));
        Assert.Equal("export.csv-0000000042", LinesKeys.RowKey(Line("export.csv", 42)));
        Assert.StartsWith("202409-", LinesKeys.PartitionKey(Line("export.csv", 42)), StringComparison.Ordinal);
    }

    [Fact]
    public void Keys_NeverHoldForbiddenCharacters_NorCollideAfterCleaning()
    {
        var cleaned = KeyText.Safe("a/b#c?d\\e\tf");
        Assert.DoesNotContain(cleaned, c => c is '/' or '\\' or '#' or '?' || char.IsControl(c));
        Assert.NotEqual(KeyText.Safe("a/b"), KeyText.Safe("a#b"));
        Assert.NotEqual(KeyText.Safe("a/b"), KeyText.Safe("a_b"));
        Assert.True(KeyText.Safe(new string('x', 5000)).Length < 200);
    }

    [Fact]
    public void Hash_IsStableAcrossProcesses()
    {
        // FNV-1a 64 of the UTF-8 bytes then the 0x1F separator: fixed by the algorithm, not by the runtime.
        Assert.Equal(0xaf63d24c8601db8eUL, KeyText.Hash(""));
        Assert.Equal(0xfc17c483ee0763bcUL, KeyText.Hash("abc"));
        Assert.NotEqual(KeyText.Hash("ab", "c"), KeyText.Hash("a", "bc"));
    }

    [Fact]
    public void Lines_OfOneMonth_SpreadOverEveryBucket()
    {
        var partitions = Enumerable.Range(0, 200).Select(i => LinesKeys.PartitionKey(Line("f.csv", i, $"sub-{i % 7}", $"vm-{i}"))).Distinct().Count();
        Assert.Equal(LinesKeys.Buckets, partitions);
    }
}
