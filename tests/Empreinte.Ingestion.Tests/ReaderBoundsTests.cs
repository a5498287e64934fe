using System.Text;
using Empreinte.TestSupport;

namespace Empreinte.Ingestion.Tests;

/// <summary>
/// Issue #13, points 1 and 2: a quote in the wrong place or a record without end costs that record at
/// most — never the rest of the file, never the process. Inputs are the repository's 20-row FOCUS sample
/// with one row damaged.
/// </summary>
public sealed class ReaderBoundsTests
{
    private static readonly string[] s_lines = File.ReadAllLines(RepositoryPaths.Sample("focus-1.0-small.csv"));

    private static string Header => s_lines[0];

    private static string[] DataRows => s_lines[1..];

    private static string WithRow(int dataRow, Func<string, string> change) =>
        string.Join("\n", DataRows.Select((line, i) => i + 1 == dataRow ? change(line) : line).Prepend(Header)) + "\n";

    [Fact]
    public void BareQuoteInsideAnUnquotedField_IsReadLiterally_AndEveryRowIsRead()
    {
        Assert.Equal(20, DataRows.Length);
        var text = WithRow(3, line => line.Replace(",web-01,", ",web 19\" rack,", StringComparison.Ordinal));

        var rows = Samples.ReadText(text, "bare-quote.csv");

        Assert.Equal(20, rows.Count);
        Assert.All(rows, r => Assert.Null(r.Error));
        // The columns after the quote are where the header says: the row is read as a spreadsheet reads it.
        Assert.Equal(("prod-web", "{\"env\": \"prod\", \"team\": \"web\"}"), (rows[2].Record!.SubAccountName, rows[2].Record!.Tags));
    }

    [Fact]
    public void BareQuotesInSeveralRows_AreLiteral_NothingIsSwallowed()
    {
        var text = WithRow(2, l => l.Replace(",Hours,", ",Hours 12\",", StringComparison.Ordinal));
        text = text.Replace(",web-01,", ",web \"01,", StringComparison.Ordinal);

        var rows = Samples.ReadText(text, "bare-quotes.csv");

        Assert.Equal(20, rows.Count);
        Assert.All(rows, r => Assert.Null(r.Error));
    }

    [Fact]
    public void QuoteThatNeverCloses_RejectsThatRowWithItsColumn_AndTheReaderResynchronises()
    {
        // ResourceName opens a quote that nothing closes: without a bound it would run to the end of the file.
        var text = WithRow(2, line => line.Replace(",web-01,", ",\"web-01,", StringComparison.Ordinal));

        var rows = Samples.ReadText(text, "unbalanced.csv");

        Assert.Equal(20, rows.Count);
        var error = Assert.Single(rows, r => r.Error is not null).Error!;
        Assert.Equal(("unbalanced.csv", 2L, "ResourceName"), (error.File, error.Row, error.Column));
        Assert.Contains("the quote that opens this field", error.Message, StringComparison.Ordinal);
        Assert.Equal(19, rows.Count(r => r.Record is not null));
    }

    [Fact]
    public void QuotedFieldSpanningMoreLinesThanTheBound_IsRejected_AndTheLinesAfterAreRead()
    {
        // A quoted field that opens and keeps going for more than MaxRecordLines lines, then closes.
        var lines = string.Join("\n", Enumerable.Repeat("x", CsvRecordReader.MaxRecordLines + 5));
        var text = WithRow(4, line => line.Replace(",web-01,", $",\"{lines}\",", StringComparison.Ordinal));

        var rows = Samples.ReadText(text, "many-lines.csv");

        var error = Assert.Single(rows, r => r.Error?.Message.Contains("more than", StringComparison.Ordinal) == true).Error!;
        Assert.Equal((4L, "ResourceName"), (error.Row, error.Column));
        // The other 19 rows are read; the lines of the broken field are read as rows of their own (and rejected or mapped).
        Assert.True(rows.Count(r => r.Record is not null) >= 19, $"{rows.Count(r => r.Record is not null)} rows read");
        Assert.Contains(rows, r => r.Record?.SourceRow > 100);
    }

    [Fact]
    public void LineOf20MB_IsRejectedWithRowAndColumn_NotACrash_AndTheRestIsRead()
    {
        var huge = new string('x', 20 << 20);
        var text = WithRow(5, line => line.Replace(",web-01,", $",{huge},", StringComparison.Ordinal));

        var rows = Samples.ReadText(text, "huge-line.csv");

        Assert.Equal(20, rows.Count);
        var error = Assert.Single(rows, r => r.Error is not null).Error!;
        Assert.Equal(("huge-line.csv", 5L, "ResourceName"), (error.File, error.Row, error.Column));
        Assert.Contains("longer than", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void QuotedFieldOf20MBThatNeverCloses_IsOneRejection_NotACrash()
    {
        var huge = new string('y', 20 << 20);
        var text = WithRow(6, line => line.Replace(",web-01,", $",\"{huge}", StringComparison.Ordinal));

        var rows = Samples.ReadText(text, "huge-quote.csv");

        Assert.Equal(20, rows.Count);
        var error = Assert.Single(rows, r => r.Error is not null).Error!;
        Assert.Equal((6L, "ResourceName"), (error.Row, error.Column));
    }

    [Fact]
    public void HeaderLongerThanTheBound_IsAnExportFormatError()
    {
        var text = new string('h', CsvRecordReader.MaxRecordChars + 10) + "\n1,2\n";

        var e = Assert.Throws<ExportFormatException>(() => Samples.OpenText(text, "huge-header.csv"));

        Assert.Contains("huge-header.csv: the header line cannot be read", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\r\n")]
    [InlineData("\r")]
    [InlineData("\n")]
    public void AnyLineEnding_GivesTheSameRows(string ending)
    {
        var text = string.Join(ending, s_lines) + ending;

        var rows = Samples.ReadText(text, "endings.csv");

        Assert.Equal(20, rows.Count);
        Assert.All(rows, r => Assert.Null(r.Error));
    }

    [Fact]
    public void QuotedCells_AreUnescaped_QuotesInsideUnquotedCellsAreLiteral()
    {
        var reader = new CsvRecordReader(new StringReader("a,\"b \"\"c\"\"\",f\"g\"\n\"multi\nline\",,\n"));

        Assert.Equal(CsvRecordReader.Outcome.Record, reader.Read());
        Assert.Equal(["a", "b \"c\"", "f\"g\""], Cells(reader));
        Assert.Equal(CsvRecordReader.Outcome.Record, reader.Read());
        Assert.Equal(["multi\nline", "", ""], Cells(reader));
        Assert.Equal(CsvRecordReader.Outcome.End, reader.Read());
    }

    [Fact]
    public void QuoteClosingInTheMiddleOfAField_RejectsTheRecord_AndTheNextLineIsRead()
    {
        var reader = new CsvRecordReader(new StringReader("a,\"d\"e,f\nnext,line\n"));

        Assert.Equal(CsvRecordReader.Outcome.Rejected, reader.Read());
        Assert.Equal(1, reader.ProblemColumn);
        Assert.Equal(CsvRecordReader.Outcome.Record, reader.Read());
        Assert.Equal(["next", "line"], Cells(reader));
    }

    [Fact]
    public void RecordsAcrossBufferRefills_AreReadWhole()
    {
        // Rows far longer than the reader's first buffer, with quoted cells cut by its edges.
        var cell = "\"" + new string('q', 70_000).Replace("qqqqq", "q\"\"qq", StringComparison.Ordinal) + "\"";
        var text = new StringBuilder("a,b\n");
        for (var i = 0; i < 10; i++) text.Append(i).Append(',').Append(cell).Append("\r\n");
        var reader = new CsvRecordReader(new StringReader(text.ToString()));

        var records = 0;
        while (reader.Read() == CsvRecordReader.Outcome.Record)
        {
            records++;
            Assert.Equal(2, reader.ColCount);
            if (records > 1) Assert.Equal(56_000, reader[1].Length);
        }

        Assert.Equal(11, records);
    }

    private static string[] Cells(CsvRecordReader reader) => [.. Enumerable.Range(0, reader.ColCount).Select(i => reader[i].ToString())];
}
