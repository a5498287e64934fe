using System.IO.Compression;
using System.Text;
using CsCheck;
using Empreinte.TestSupport;

namespace Empreinte.Ingestion.Tests;

/// <summary>
/// <see cref="CsvRecordReader"/> scans 32 characters at a time and keeps quoted cells in place; it must read
/// every text exactly as <see cref="ScalarCsvRecordReader"/> (the plain reading of the same rules) does:
/// the same outcomes, cells, problems, problem columns and line ends, wherever the text reaching the reader
/// is cut — inside a quoted cell, between the CR and LF of a line end, on an escaped quote, at a block edge.
/// </summary>
public sealed class CsvRecordReaderEquivalenceTests
{
    // Characters whose low byte is ',', '"', '\n' or '\r' must stay data: a scan comparing bytes would see delimiters.
    private static readonly string[] s_fragments =
    [
        "a", "bc", "web 19", "0.0351840", ",", ",", ",", "\"", "\"\"", "\r", "\n", "\r\n", " ", "\u012C", "\u0122", "\u010A", "\u010D",
        "\uFFFD", "\"{\"\"env\"\": \"\"prod\"\"}\"", new string('x', 40), "\"quoted, with a delimiter\"", "\"two\nlines\"",
    ];

    private static readonly Gen<string> s_text = Gen.Int[0, s_fragments.Length - 1].Array[0, 300].Select(picks => string.Concat(picks.Select(i => s_fragments[i])));

    [Fact]
    public void RandomText_CutAnywhere_IsReadAsTheScalarReaderReadsIt() =>
        Gen.Select(s_text, Gen.Int, Gen.Int[1, 80]).Sample((text, seed, largestRead) => AssertSameReading(text, seed, largestRead), iter: 3_000);

    [Fact]
    public void QuotedCellsSpanningManyLines_AroundTheLineBound_AreReadAsTheScalarReaderReadsThem()
    {
        foreach (var breaks in new[] { CsvRecordReader.MaxRecordLines - 2, CsvRecordReader.MaxRecordLines - 1, CsvRecordReader.MaxRecordLines, CsvRecordReader.MaxRecordLines + 1 })
        {
            foreach (var lineEnd in new[] { "\n", "\r\n", "\r" })
            {
                var cell = string.Concat(Enumerable.Repeat("a,b" + lineEnd, breaks));
                foreach (var text in new[]
                {
                    $"h1,h2\n1,\"{cell}\"\n2,x\n", // closed
                    $"h1,h2\n1,\"{cell}\"\"x\"\n2,x\n", // closed after an escaped quote
                    $"h1,h2\n1,\"{cell}", // never closed, the text ends
                    $"h1,\"{cell}\"z\n2,x\n", // closes mid-field
                })
                {
                    foreach (var largestRead in new[] { 1, 7, 64, 100_000 }) AssertSameReading(text, seed: breaks, largestRead);
                }
            }
        }
    }

    [Fact]
    public void RecordsAroundTheCharacterBound_AreReadAsTheScalarReaderReadsThem()
    {
        var max = CsvRecordReader.MaxRecordChars;
        foreach (var length in new[] { max - 1, max, max + 1 })
        {
            var plain = new string('p', length);
            var quoted = "\"" + new string('q', length - 2) + "\"";
            foreach (var text in new[]
            {
                $"h\n{plain}\nnext\n", $"h\r\n{plain}\r\nnext\r\n", $"h\n{plain}", $"h\n{quoted}\nnext\n", $"h\n{quoted}",
                $"h\n\"{plain}\nnext\n", $"h\na,{plain},b\nnext\n",
            })
            {
                foreach (var largestRead in new[] { 8_191, int.MaxValue }) AssertSameReading(text, seed: length, largestRead);
            }
        }
    }

    [Fact]
    public void EverySample_ReadInRandomPieces_IsReadAsTheScalarReaderReadsIt()
    {
        var samples = CsvSamples();
        Assert.True(samples.Count >= 20, $"only {samples.Count} CSV samples found");
        var seed = 0;
        foreach (var text in samples)
        {
            foreach (var largestRead in new[] { 61, 4_096, int.MaxValue }) AssertSameReading(text, seed++, largestRead);
        }
    }

    [Theory]
    [InlineData("h1,h2\r\n\"a,\r\nb\",\"c\"\"d\"\r\n\"\",e\r\nf,\"g\"")]
    [InlineData("h\n\"x\"\"\"\"\",\"\"\"y\"\n\"never\r\ncloses,\n")]
    [InlineData("a,b\r\r\n\"q\"z,w\rlast,\"\"")]
    public void TextCutAtEveryPosition_GivesTheSameRecordsAsReadWhole(string text)
    {
        var whole = Records(new CsvRecordReader(new StringReader(text)));
        Assert.Equal(whole, Records(new ScalarCsvRecordReader(new StringReader(text))));
        for (var cut = 1; cut < text.Length; cut++)
        {
            Assert.Equal(whole, Records(new CsvRecordReader(new CutReader(text, cut))));
            Assert.Equal(whole, Records(new ScalarCsvRecordReader(new CutReader(text, cut))));
        }
    }

    [Fact]
    public void BufferEdgeInsideAQuotedCellAndBetweenCrAndLf_CellsAreWhole()
    {
        // Line ends split after the CR, a quoted cell holding a CRLF and an escaped quote, each cut in every place.
        const string Text = "id,note\r\n1,\"a\"\"b\r\nc\"\r\n2,plain\r\n";
        for (var cut = 1; cut < Text.Length; cut++)
        {
            var records = Records(new CsvRecordReader(new CutReader(Text, cut)));

            Assert.Equal(["R|T|id|note", "R|T|1|a\"b\r\nc", "R|T|2|plain"], records);
        }
    }

    [Fact]
    public void CharactersWhoseLowByteIsADelimiterOrQuote_AreData()
    {
        var reader = new CsvRecordReader(new StringReader("\u012C\u0122\u010A\u010D,\"\u0122\u012C\"\n"));

        Assert.Equal(CsvRecordReader.Outcome.Record, reader.Read());
        Assert.Equal(["\u012C\u0122\u010A\u010D", "\u0122\u012C"], Enumerable.Range(0, reader.ColCount).Select(i => reader[i].ToString()));
    }

    private static void AssertSameReading(string text, int seed, int largestRead)
    {
        var expected = Records(new ScalarCsvRecordReader(new PieceReader(text, seed, largestRead)));
        var actual = Records(new CsvRecordReader(new PieceReader(text, seed, largestRead)));
        Assert.Equal(expected.Count, actual.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            if (expected[i] != actual[i]) Assert.Fail($"record {i} of {Printable.Cell(text)} (pieces of at most {largestRead}, seed {seed}): expected {Printable.Cell(expected[i])}, got {Printable.Cell(actual[i])}");
        }
    }

    /// <summary>Each record as one string: outcome, line end or problem with its column, then the cells.</summary>
    private static List<string> Records(CsvRecordReader reader)
    {
        var records = new List<string>();
        while (reader.Read() is var outcome && outcome != CsvRecordReader.Outcome.End)
        {
            records.Add(outcome == CsvRecordReader.Outcome.Rejected
                ? $"X|{reader.ProblemColumn}|{reader.Problem}"
                : $"R|{(reader.LastRecordTerminated ? "T" : "U")}|{string.Join("|", Enumerable.Range(0, reader.ColCount).Select(i => reader[i].ToString()))}");
        }

        return records;
    }

    private static List<string> Records(ScalarCsvRecordReader reader)
    {
        var records = new List<string>();
        while (reader.Read() is var outcome && outcome != CsvRecordReader.Outcome.End)
        {
            records.Add(outcome == CsvRecordReader.Outcome.Rejected
                ? $"X|{reader.ProblemColumn}|{reader.Problem}"
                : $"R|{(reader.LastRecordTerminated ? "T" : "U")}|{string.Join("|", Enumerable.Range(0, reader.ColCount).Select(i => reader[i].ToString()))}");
        }

        return records;
    }

    private static List<string> CsvSamples()
    {
        var shared = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(RepositoryPaths.SharedSample("focus/focus-1.0_sample_1000_multicloud.csv"))!, ".."));
        return
        [
            .. Directory.EnumerateFiles(shared, "*.csv*", SearchOption.AllDirectories)
                .Concat(Directory.EnumerateFiles(Path.Combine(RepositoryPaths.Root, "samples"), "*.csv*", SearchOption.AllDirectories))
                .Where(p => p.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) || p.EndsWith(".csv.gz", StringComparison.OrdinalIgnoreCase))
                .Order(StringComparer.Ordinal)
                .Select(p =>
                {
                    using var file = File.OpenRead(p);
                    using Stream content = p.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? new GZipStream(file, CompressionMode.Decompress) : file;
                    return new StreamReader(content, Encoding.UTF8, detectEncodingFromByteOrderMarks: true).ReadToEnd();
                }),
        ];
    }

    /// <summary>Hands the text over in pieces of 1 to <c>largestRead</c> characters, the same pieces for the same seed.</summary>
    private sealed class PieceReader(string text, int seed, int largestRead) : TextReader
    {
        private readonly Random _random = new(seed);
        private int _position;

        public override int Read(char[] buffer, int index, int count) => Read(buffer.AsSpan(index, count));

        public override int Read(Span<char> buffer)
        {
            var piece = Math.Min(Math.Min(buffer.Length, text.Length - _position), largestRead == int.MaxValue ? int.MaxValue : _random.Next(1, largestRead + 1));
            text.AsSpan(_position, piece).CopyTo(buffer);
            _position += piece;
            return piece;
        }
    }

    /// <summary>Hands the text over in two reads, cut at <c>cut</c>.</summary>
    private sealed class CutReader(string text, int cut) : TextReader
    {
        private int _position;

        public override int Read(char[] buffer, int index, int count) => Read(buffer.AsSpan(index, count));

        public override int Read(Span<char> buffer)
        {
            var until = _position < cut ? cut : text.Length;
            var piece = Math.Min(buffer.Length, until - _position);
            text.AsSpan(_position, piece).CopyTo(buffer);
            _position += piece;
            return piece;
        }
    }
}
