using System.IO.Compression;
using System.Text;
using Empreinte.TestSupport;
using Xunit.Abstractions;

namespace Empreinte.Ingestion.Tests;

/// <summary>
/// Issue #13: every real CSV sample (../shared/samples and the repository's samples/), mutated the ways
/// real files go wrong — stray and unbalanced quotes, extra delimiters, truncation, UTF-16 / BOMs /
/// Latin-1, huge fields, CR/LF mixes, NUL bytes, damaged gzip — and read through
/// <see cref="ExportReader.Open(string, string?)"/> as the CLI reads it. For every file: no exception
/// other than a clear <see cref="ExportFormatException"/> for the whole file, no hang, printable errors,
/// and rows read + rows rejected = the records <see cref="IndependentRecordCounter"/> finds.
/// </summary>
public sealed class ReaderFuzzTests(ITestOutputHelper output) : IDisposable
{
    private static readonly TimeSpan s_hangAfter = TimeSpan.FromSeconds(30);
    private readonly string _folder = Directory.CreateTempSubdirectory("empreinte-reader-fuzz-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private delegate (byte[] Bytes, bool Gzip) Mutation(byte[] csv, Random random);

    private static readonly (string Name, Mutation Apply)[] s_mutations =
    [
        ("unchanged", (b, _) => (b, false)),
        ("bare-quotes", (b, r) => (InsertAt(b, r, 3, "\""u8.ToArray()), false)),
        ("quote-opening-a-field", (b, r) => (AfterRandom(b, r, (byte)',', "\""u8.ToArray()), false)),
        ("quote-closing-early", (b, r) => (AfterRandom(b, r, (byte)'"', "\","u8.ToArray()), false)),
        ("quotes-replacing-bytes", (b, r) => (Replace(b, r, 4, (byte)'"'), false)),
        ("extra-delimiters", (b, r) => (InsertAt(b, r, 5, ","u8.ToArray()), false)),
        ("truncated", (b, r) => (b[..r.Next(b.Length)], false)),
        ("chunk-deleted", (b, r) => (DeleteChunk(b, r), false)),
        ("bytes-flipped", (b, r) => (Flip(b, r, 12), false)),
        ("nul-bytes", (b, r) => (InsertAt(b, r, 6, [0, 0]), false)),
        ("utf8-bom", (b, _) => ([.. Encoding.UTF8.GetPreamble(), .. b], false)),
        ("utf8-bom-twice", (b, _) => ([.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetPreamble(), .. b], false)),
        ("utf16-le-bom", (b, _) => ([.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(Decode(b))], false)),
        ("utf16-be-bom", (b, _) => ([.. Encoding.BigEndianUnicode.GetPreamble(), .. Encoding.BigEndianUnicode.GetBytes(Decode(b))], false)),
        ("utf16-le-no-bom", (b, _) => (Encoding.Unicode.GetBytes(Decode(b)), false)),
        ("latin1", (b, r) => (Encoding.Latin1.GetBytes(Decode(InsertAt(b, r, 4, "é ü ß"u8.ToArray()))), false)),
        ("huge-field", (b, r) => (AfterRandom(b, r, (byte)',', Encoding.ASCII.GetBytes(new string('z', CsvRecordReader.MaxRecordChars + 1000))), false)),
        ("huge-quoted-field-never-closed", (b, r) => (AfterRandom(b, r, (byte)',', Encoding.ASCII.GetBytes("\"" + new string('z', (CsvRecordReader.MaxRecordChars / 2) + 1))), false)),
        ("quoted-field-over-many-lines", (b, r) => (AfterRandom(b, r, (byte)',', Encoding.ASCII.GetBytes("\"" + string.Concat(Enumerable.Repeat("a,b\n", CsvRecordReader.MaxRecordLines + 20)) + "\"")), false)),
        ("line-endings-mixed", (b, r) => (MixLineEndings(b, r), false)),
        ("gzip", (b, _) => (Gzip(b), true)),
        ("gzip-truncated", (b, r) => (Gzip(b) is var g ? g[..r.Next(g.Length)] : [], true)),
        ("gzip-byte-flipped", (b, r) => (Flip(Gzip(b), r, 1), true)),
        ("gzip-garbage-tail", (b, r) => ([.. Gzip(b), .. RandomBytes(r, 64)], true)),
        ("gzip-of-bare-quotes", (b, r) => (Gzip(InsertAt(b, r, 3, "\""u8.ToArray())), true)),
    ];

    [Fact]
    public async Task MutatedRealSamples_NoCrashNoHangNoSilentLoss()
    {
        var sources = Sources();
        Assert.True(sources.Count >= 20, $"only {sources.Count} CSV samples found");
        int files = 0, crashes = 0, hangs = 0, silentLosses = 0, unprintable = 0, rejectedFiles = 0, notCsv = 0;
        long records = 0, rejectedRows = 0;
        var failures = new List<string>();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        foreach (var (name, csv) in sources)
        {
            foreach (var (mutation, apply) in s_mutations)
            {
                for (var seed = 0; seed < 2; seed++)
                {
                    var random = new Random(StableSeed($"{name}/{mutation}/{seed}"));
                    var (bytes, gzip) = apply(csv, random);
                    var fileName = $"{Path.GetFileNameWithoutExtension(name)}.{mutation}.{seed}.csv{(gzip ? ".gz" : "")}";
                    var path = Path.Combine(_folder, fileName);
                    File.WriteAllBytes(path, bytes);
                    files++;

                    var run = Task.Run(() => Read(path));
                    if (await Task.WhenAny(run, Task.Delay(s_hangAfter)) != run)
                    {
                        hangs++;
                        failures.Add($"{fileName}: no answer after {s_hangAfter.TotalSeconds} s");
                        continue;
                    }

                    var result = await run;
                    File.Delete(path);
                    if (result.Crash is { } crash)
                    {
                        crashes++;
                        failures.Add($"{fileName}: crashed with {crash}");
                        continue;
                    }

                    if (result.Messages.Any(m => m.Any(c => char.IsControl(c) || c == '\uFFFD')))
                    {
                        unprintable++;
                        failures.Add($"{fileName}: an error message is not printable text");
                    }

                    var expected = IndependentRecordCounter.Count(bytes, gzip);
                    if (result.FileRejected)
                    {
                        rejectedFiles++;
                        // Loud (exit 3, the file named), and for plain text only ever at the header: a gzip
                        // is only found damaged part-way.
                        if (!gzip && result.Read + result.Rejected > 0)
                        {
                            silentLosses++;
                            failures.Add($"{fileName}: rejected whole after {result.Read + result.Rejected} rows: {result.Messages[^1]}");
                        }

                        continue;
                    }

                    if (expected.NotCsv)
                    {
                        notCsv++;
                        continue;
                    }

                    records += result.Read + result.Rejected;
                    rejectedRows += result.Rejected;
                    if (expected.DataRecords != result.Read + result.Rejected)
                    {
                        silentLosses++;
                        failures.Add($"{fileName}: {result.Read} read + {result.Rejected} rejected, the independent counter finds {expected.DataRecords} records");
                    }
                }
            }
        }

        var summary = $"reader fuzz: {files} files from {sources.Count} samples × {s_mutations.Length} mutations × 2 seeds in {clock.Elapsed.TotalSeconds:N0} s; " +
            $"{crashes} crashes, {hangs} hangs, {silentLosses} silent losses, {unprintable} unprintable errors; " +
            $"{rejectedFiles} files rejected whole (exit 3), {notCsv} read as non-CSV; {records:N0} records of which {rejectedRows:N0} rejected";
        output.WriteLine(summary);
        Empreinte.TestSupport.RepositoryPaths.WriteSummary("reader-fuzz", summary);
        Assert.True(failures.Count == 0, summary + "\n" + string.Join("\n", failures.Take(30)));
        Assert.True(records > 10_000, summary);
    }

    private sealed record ReadResult(long Read, long Rejected, bool FileRejected, string? Crash, List<string> Messages);

    private static ReadResult Read(string path)
    {
        long read = 0, rejected = 0;
        var messages = new List<string>();
        try
        {
            using var file = ExportReader.Open(path);
            foreach (var row in file.Rows())
            {
                if (row.Error is { } error)
                {
                    rejected++;
                    if (messages.Count < 50) messages.Add(error.ToString());
                }
                else
                {
                    read++;
                }
            }

            return new ReadResult(read, rejected, false, null, messages);
        }
        catch (ExportFormatException e)
        {
            messages.Add(e.Message);
            return new ReadResult(read, rejected, true, null, messages);
        }
        catch (Exception e)
        {
            return new ReadResult(read, rejected, false, $"{e.GetType().Name}: {e.Message}", messages);
        }
    }

    /// <summary>Every CSV export sample (plain or .gz, decompressed), the repository's included.</summary>
    private static List<(string Name, byte[] Csv)> Sources()
    {
        var shared = Path.GetDirectoryName(RepositoryPaths.SharedSample("focus/focus-1.0_sample_1000_multicloud.csv"))!;
        var root = Path.GetFullPath(Path.Combine(shared, ".."));
        var paths = Directory.EnumerateFiles(root, "*.csv*", SearchOption.AllDirectories)
            .Concat(Directory.EnumerateFiles(Path.Combine(RepositoryPaths.Root, "samples"), "*.csv*", SearchOption.AllDirectories))
            .Where(p => p.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) || p.EndsWith(".csv.gz", StringComparison.OrdinalIgnoreCase))
            // Reference tables of the open-data folder are not exports.
            .Where(p => !p.Contains("open-data", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal);
        return [.. paths.Select(p => (Path.GetFileName(p), p.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? Gunzip(File.ReadAllBytes(p)) : File.ReadAllBytes(p)))];
    }

    /// <summary>A seed that is the same on every run and machine (string.GetHashCode is not).</summary>
    private static int StableSeed(string text)
    {
        var hash = 2166136261u;
        foreach (var c in text) hash = (hash ^ c) * 16777619u;
        return (int)(hash & 0x7FFFFFFF);
    }

    private static string Decode(byte[] bytes) => new StreamReader(new MemoryStream(bytes), Encoding.UTF8, detectEncodingFromByteOrderMarks: true).ReadToEnd();

    private static byte[] InsertAt(byte[] bytes, Random random, int times, byte[] insert)
    {
        var result = bytes.ToList();
        for (var i = 0; i < times; i++) result.InsertRange(random.Next(result.Count + 1), insert);
        return [.. result];
    }

    /// <summary><paramref name="insert"/> right after a random occurrence of <paramref name="after"/> (or at a random place when there is none).</summary>
    private static byte[] AfterRandom(byte[] bytes, Random random, byte after, byte[] insert)
    {
        var positions = Enumerable.Range(0, bytes.Length).Where(i => bytes[i] == after).ToArray();
        var at = positions.Length == 0 ? random.Next(bytes.Length + 1) : positions[random.Next(positions.Length)] + 1;
        return [.. bytes[..at], .. insert, .. bytes[at..]];
    }

    private static byte[] Replace(byte[] bytes, Random random, int times, byte with)
    {
        var copy = bytes.ToArray();
        for (var i = 0; i < times && copy.Length > 0; i++) copy[random.Next(copy.Length)] = with;
        return copy;
    }

    private static byte[] Flip(byte[] bytes, Random random, int times)
    {
        var copy = bytes.ToArray();
        for (var i = 0; i < times && copy.Length > 0; i++) copy[random.Next(copy.Length)] ^= (byte)(1 + random.Next(255));
        return copy;
    }

    private static byte[] DeleteChunk(byte[] bytes, Random random)
    {
        var start = random.Next(bytes.Length);
        var length = random.Next(Math.Min(4096, bytes.Length - start) + 1);
        return [.. bytes[..start], .. bytes[(start + length)..]];
    }

    private static byte[] MixLineEndings(byte[] bytes, Random random)
    {
        var result = new List<byte>(bytes.Length + 1024);
        foreach (var b in bytes)
        {
            if (b != (byte)'\n')
            {
                result.Add(b);
                continue;
            }

            switch (random.Next(3))
            {
                case 0: result.Add((byte)'\r'); break;
                case 1: result.Add((byte)'\r'); result.Add((byte)'\n'); break;
                default: result.Add((byte)'\n'); break;
            }
        }

        return [.. result];
    }

    private static byte[] RandomBytes(Random random, int count)
    {
        var bytes = new byte[count];
        random.NextBytes(bytes);
        return bytes;
    }

    private static byte[] Gzip(byte[] bytes)
    {
        var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true)) gzip.Write(bytes);
        return output.ToArray();
    }

    private static byte[] Gunzip(byte[] bytes)
    {
        using var gzip = new GZipStream(new MemoryStream(bytes), CompressionMode.Decompress);
        var output = new MemoryStream();
        gzip.CopyTo(output);
        return output.ToArray();
    }
}

/// <summary>
/// Counts the data records of a CSV file by the rules the reader documents, written separately from it
/// (character by character over the whole text): RFC 4180, a quote opens a quoted field only as its
/// first character, <c>""</c> inside quotes is a quote, records end at CRLF, LF or CR; a record whose
/// quote never closes or closes before the end of its field, or longer than <see cref="CsvRecordReader.MaxRecordChars"/> characters, or over
/// more than <see cref="CsvRecordReader.MaxRecordLines"/> lines, counts as one (rejected) record and
/// counting resumes after its first line break. Blank lines are not records; the first record is the header.
/// </summary>
internal static class IndependentRecordCounter
{
    public readonly record struct Counted(long DataRecords, bool NotCsv);

    public static Counted Count(byte[] bytes, bool gzip)
    {
        if (gzip)
        {
            try
            {
                using var stream = new GZipStream(new MemoryStream(bytes), CompressionMode.Decompress);
                var output = new MemoryStream();
                stream.CopyTo(output);
                bytes = output.ToArray();
            }
            catch (InvalidDataException)
            {
                return new Counted(-1, false);
            }
        }

        var text = new StreamReader(new MemoryStream(bytes), Encoding.UTF8, detectEncodingFromByteOrderMarks: true).ReadToEnd();
        var firstVisible = text.TrimStart(' ', '\t', '\r', '\n');
        if (firstVisible.Length > 0 && firstVisible[0] is '{' or '[') return new Counted(0, true);
        return new Counted(DataRecords(text), false);
    }

    private static long DataRecords(string text)
    {
        var position = 0;
        var header = true;
        long count = 0;
        while (position < text.Length)
        {
            var (ok, fields, next) = Record(text, position);
            if (!ok)
            {
                if (!header) count++;
                header = false;
                position = AfterFirstLineBreak(text, position);
                continue;
            }

            position = next;
            if (header)
            {
                header = false;
                continue;
            }

            if (fields.Count == 1 && string.IsNullOrWhiteSpace(fields[0])) continue;
            count++;
        }

        return count;
    }

    private static (bool Ok, List<string> Fields, int Next) Record(string text, int start)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var i = start;
        var lines = 1;
        while (true)
        {
            field.Clear();
            if (i < text.Length && text[i] == '"')
            {
                i++;
                while (true)
                {
                    if (i >= text.Length) return (false, fields, i);
                    var c = text[i];
                    if (c == '"')
                    {
                        if (i + 1 < text.Length && text[i + 1] == '"')
                        {
                            field.Append('"');
                            i += 2;
                            continue;
                        }

                        i++;
                        // A closing quote is followed by a delimiter, a line break or the end.
                        if (i < text.Length && text[i] is not (',' or '\r' or '\n')) return (false, fields, i);
                        break;
                    }

                    if (c == '\n' || (c == '\r' && (i + 1 >= text.Length || text[i + 1] != '\n'))) lines++;
                    field.Append(c);
                    i++;
                }
            }

            while (i < text.Length && text[i] is not (',' or '\r' or '\n')) field.Append(text[i++]);
            fields.Add(field.ToString());
            if (lines > CsvRecordReader.MaxRecordLines) return (false, fields, i);
            if (i >= text.Length) return (i - start <= CsvRecordReader.MaxRecordChars, fields, i);
            if (text[i] == ',')
            {
                i++;
                continue;
            }

            var length = i - start;
            i += text[i] == '\r' && i + 1 < text.Length && text[i + 1] == '\n' ? 2 : 1;
            return (length <= CsvRecordReader.MaxRecordChars, fields, i);
        }
    }

    private static int AfterFirstLineBreak(string text, int start)
    {
        var at = text.IndexOfAny(['\r', '\n'], start);
        if (at < 0) return text.Length;
        return text[at] == '\r' && at + 1 < text.Length && text[at + 1] == '\n' ? at + 2 : at + 1;
    }
}

public sealed class IndependentRecordCounterTests
{
    [Theory]
    [InlineData("h\n1\n2\n", 2)]
    [InlineData("h\r\n\"a\r\nb\",x\r\n\r\n3", 2)]
    [InlineData("h\nweb 19\" rack,1\n2\n", 2)]
    [InlineData("h\n\"never closes,1\n2\n3\n", 3)]
    [InlineData("h\n\"closes\"early,1\n2\n", 2)]
    public void CountsDataRecordsByTheDocumentedRules(string text, long expected) =>
        Assert.Equal(expected, IndependentRecordCounter.Count(Encoding.UTF8.GetBytes(text), gzip: false).DataRecords);
}
