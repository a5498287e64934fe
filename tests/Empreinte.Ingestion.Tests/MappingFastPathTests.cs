using CsCheck;
using Empreinte.Ingestion.Formats;
using Empreinte.TestSupport;

namespace Empreinte.Ingestion.Tests;

/// <summary>
/// What the mappers' shortcuts must keep: a pooled cell is the text <see cref="Cells.Text"/> gives, one
/// instance per value; a value derived by instance is the one derived from the text; and a row whose text
/// holds no undecodable byte skips the per-cell search without letting one through.
/// </summary>
public sealed class MappingFastPathTests
{
    private static readonly string[] s_lines = File.ReadAllLines(RepositoryPaths.Sample("focus-1.0-small.csv"));

    private static readonly Gen<string> s_cell =
        Gen.Select(
            Gen.OneOf("", " ", "\t", "\u00A0"),
            Gen.OneOf("", "NULL", "null", "[]", "[ ]", "USD", "Usage", "westeurope", "1 Hour", "a", "ab", "abc", "abcd", "abcdefgh", "abcdefghi",
                "/subscriptions/3f2a9c1e-0000-4000-8000-000000000001/resourceGroups/web/providers/Microsoft.Compute/virtualMachines/web-0"),
            Gen.Int[0, 40],
            Gen.OneOf("", " ", "\r"),
            (before, text, suffix, after) => before + (text.Length > 0 && suffix > 0 ? text + suffix : text) + after);

    [Fact]
    public void TextPool_GivesWhatCellsTextGives_OneInstancePerValue() =>
        s_cell.List[1, 200].Sample(cells =>
        {
            var pool = new TextPool();
            var first = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var cell in cells)
            {
                var pooled = pool.Get(cell);
                Assert.Equal(Cells.Text(cell), pooled);
                if (pooled is null) continue;
                if (first.TryGetValue(pooled, out var earlier)) Assert.Same(earlier, pooled);
                else first[pooled] = pooled;
            }
        }, iter: 2_000);

    [Fact]
    public void TextPool_PastItsBound_StillGivesEveryValue()
    {
        var pool = new TextPool();
        for (var i = 0; i < 40_000; i++) Assert.Equal($"value-{i}", pool.Get($" value-{i} "));
        Assert.Same(pool.Get("value-7"), pool.Get("value-7"));
        Assert.Equal("value-39999", pool.Get("value-39999"));
    }

    [Fact]
    public void ByInstance_DerivesOncePerInstance_AndAlwaysFromItsOwnText()
    {
        var derivations = 0;
        var lower = new ByInstance<string>(text =>
        {
            derivations++;
            return text.ToLowerInvariant();
        });
        var values = Enumerable.Range(0, 200).Select(i => $"Region-{i}").ToArray();

        foreach (var value in values.Concat(values).Concat(values)) Assert.Equal(value.ToLowerInvariant(), lower.For(value));
        Assert.InRange(derivations, 200, 600);
        var before = derivations;
        var westEurope = "WestEurope";
        for (var i = 0; i < 100; i++) Assert.Equal("westeurope", lower.For(westEurope));

        Assert.Equal(before + 1, derivations);
    }

    [Fact]
    public void UndecodableBytesInAQuotedCellWithEscapedQuotes_RejectTheRowNamingTheColumn()
    {
        var rows = ReadWithRow(3, line => line.Replace("\"{\"\"env\"\": \"\"prod\"\"", "\"{\"\"env\"\": \"\"pr\uFFFDd\"\"", StringComparison.Ordinal));

        var error = Assert.Single(rows, r => r.Error is not null).Error!;
        Assert.Equal((3L, "Tags"), (error.Row, error.Column));
        Assert.Contains("not valid UTF-8", error.Message, StringComparison.Ordinal);
        Assert.Equal(19, rows.Count(r => r.Record is not null));
    }

    [Fact]
    public void UndecodableBytesInAColumnNoReaderUses_AreAccepted_AsBefore()
    {
        var rows = ReadWithRow(3, line => line.Replace(",Usage-Based,", ",Usage-Ba\uFFFDed,", StringComparison.Ordinal));

        Assert.Equal(20, rows.Count);
        Assert.All(rows, r => Assert.Null(r.Error));
    }

    private static List<ParsedRow> ReadWithRow(int dataRow, Func<string, string> change)
    {
        var lines = s_lines.ToArray();
        var changed = change(lines[dataRow]);
        Assert.NotEqual(lines[dataRow], changed);
        lines[dataRow] = changed;
        return Samples.ReadText(string.Join("\n", lines) + "\n", "replacement.csv");
    }
}
