using System.Globalization;
using System.IO.Compression;
using System.Text;

namespace Empreinte.Faults.Tests;

/// <summary>One file of the corpus: what was done to it, and whether a reader must reject (part of) it.</summary>
internal sealed record FuzzedFile(string Kind, string Path, bool MustBeRejected);

/// <summary>
/// A deterministic corpus of damaged exports, derived from the real sample
/// <c>samples/focus-1.0-small.csv</c> with a fixed seed: every run reads the same files.
/// </summary>
internal static class FuzzCorpus
{
    public static List<FuzzedFile> Write(string directory, string samplePath, int seed)
    {
        var random = new Random(seed);
        var sample = File.ReadAllText(samplePath);
        var bytes = Encoding.UTF8.GetBytes(sample);
        var lines = sample.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToArray();
        var header = Split(lines[0]);
        var rows = lines.Skip(1).Select(Split).ToArray();
        var files = new List<FuzzedFile>();
        var count = 0;

        void Add(string kind, bool mustBeRejected, byte[] content, string extension = ".csv")
        {
            var path = System.IO.Path.Combine(directory, string.Create(CultureInfo.InvariantCulture, $"{kind}-{++count:D3}{extension}"));
            File.WriteAllBytes(path, content);
            files.Add(new FuzzedFile(kind, path, mustBeRejected));
        }

        void AddText(string kind, bool mustBeRejected, string text, string extension = ".csv") => Add(kind, mustBeRejected, Encoding.UTF8.GetBytes(text), extension);

        string Csv(IEnumerable<string[]> table) => string.Join('\n', table.Select(Join)) + "\n";

        // Cut anywhere: mid-header, mid-row, mid-quote.
        for (var i = 0; i < 30; i++) Add("truncated", false, bytes[..random.Next(0, bytes.Length)]);
        for (var i = 0; i < 20; i++) Add("random-bytes", true, RandomBytes(random, random.Next(1, 4096)));
        foreach (var delimiter in new[] { ";", "\t", "|", " " })
            for (var i = 0; i < 3; i++) AddText("wrong-delimiter", true, Csv(new[] { header }.Concat(rows.Take(random.Next(1, rows.Length)))).Replace(",", delimiter, StringComparison.Ordinal));
        for (var i = 0; i < 20; i++)
        {
            // Invalid UTF-8 sequences (lone continuation bytes, overlong forms, a surrogate half) at random places.
            var damaged = bytes.ToList();
            for (var n = random.Next(1, 6); n > 0; n--)
                damaged.InsertRange(random.Next(0, damaged.Count), new[] { new byte[] { 0x80 }, [0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xFF, 0xFE] }[random.Next(4)]);
            Add("bad-utf8", false, [.. damaged]);
        }

        foreach (var size in new[] { 100_000, 1_000_000, 4_000_000 })
        {
            var huge = rows.Select(r => (string[])r.Clone()).ToArray();
            huge[0][Column(header, "ResourceId")] = new string('x', size);
            AddText("huge-cell", false, Csv(new[] { header }.Concat(huge)));
            huge[0][Column(header, "BilledCost")] = new string('9', size);
            AddText("huge-number", true, Csv(new[] { header }.Concat(huge)));
        }

        AddText("header-only", false, Csv([header]));
        AddText("header-only-no-newline", false, Join(header));
        Add("empty", true, []);
        Add("bom-only", true, [0xEF, 0xBB, 0xBF]);
        AddText("blank-lines", true, "\n\n\n");

        for (var i = 0; i < 10; i++)
        {
            // The same columns in another order: still a valid export.
            var order = Enumerable.Range(0, header.Length).OrderBy(_ => random.Next()).ToArray();
            AddText("shuffled-columns", false, Csv(new[] { header }.Concat(rows).Select(r => order.Select(c => r[c]).ToArray())));
        }

        for (var i = 0; i < 10; i++)
        {
            var repeated = random.Next(header.Length);
            AddText("duplicated-column", false, Csv(new[] { header }.Concat(rows).Select(r => r.Append(r[repeated]).ToArray())));
        }

        for (var i = 0; i < 20; i++)
        {
            // A stray quote inside a row: the rest of the file may become one unterminated cell.
            var text = new StringBuilder(sample);
            text.Insert(random.Next(lines[0].Length + 1, text.Length), '"');
            AddText("broken-quote", false, text.ToString());
        }

        string[] costs = ["abc", "1,5", "NaN", "Infinity", "--1", "1e999", "0x10", "", "12.3.4", "€12"];
        for (var i = 0; i < 20; i++)
        {
            var damaged = rows.Select(r => (string[])r.Clone()).ToArray();
            damaged[random.Next(damaged.Length)][Column(header, i % 2 == 0 ? "BilledCost" : "EffectiveCost")] = costs[i % costs.Length];
            AddText("non-numeric-cost", i % costs.Length != 7, Csv(new[] { header }.Concat(damaged)));
        }

        string[] dates = ["yesterday", "2026-13-01T00:00:00Z", "2026-02-30T00:00:00Z", "13/45/2026", "2026-10-01T25:00:00Z", "0", "2026-10", "T00:00:00Z", "9999-99-99", "2026-10-01T00:00:00+99:00"];
        for (var i = 0; i < 20; i++)
        {
            var damaged = rows.Select(r => (string[])r.Clone()).ToArray();
            damaged[random.Next(damaged.Length)][Column(header, "ChargePeriodStart")] = dates[i % dates.Length];
            AddText("bad-date", true, Csv(new[] { header }.Concat(damaged)));
        }

        var gzipped = Gzip(bytes);
        for (var i = 0; i < 10; i++) Add("gzip-truncated", true, gzipped[..random.Next(1, gzipped.Length - 8)], ".csv.gz");
        for (var i = 0; i < 10; i++)
        {
            var flipped = (byte[])gzipped.Clone();
            // Past the 10-byte header, so the damage is in the deflate stream or the CRC.
            for (var n = random.Next(1, 4); n > 0; n--) flipped[random.Next(10, flipped.Length)] ^= (byte)random.Next(1, 256);
            Add("gzip-corrupted", true, flipped, ".csv.gz");
        }

        Add("gzip-not-gzip", true, bytes, ".csv.gz");
        for (var i = 0; i < 10; i++)
        {
            var magic = "PAR1"u8.ToArray();
            Add("bad-parquet", true, [.. magic, .. RandomBytes(random, random.Next(0, 2048)), .. (i % 2 == 0 ? magic : [])], ".parquet");
        }

        AddText("bad-json", true, "{ \"object\": \"page\", \"data\": [ {\"start_time\": ");
        AddText("json-array-of-numbers", true, "[1, 2, 3]");
        for (var i = 0; i < 50; i++)
        {
            // Real rows with a few cells damaged: characters dropped, doubled, replaced by separators, quotes or control characters.
            var damaged = rows.Select(r => (string[])r.Clone()).ToArray();
            for (var n = random.Next(1, 8); n > 0; n--)
            {
                var row = damaged[random.Next(damaged.Length)];
                var column = random.Next(row.Length);
                row[column] = Mutate(random, row[column]);
            }

            AddText("mutated-rows", false, Csv(new[] { header }.Concat(damaged)));
        }

        return files;
    }

    private static string Mutate(Random random, string cell) => random.Next(7) switch
    {
        0 => cell.Length > 0 ? cell.Remove(random.Next(cell.Length), 1) : "x",
        1 => cell + cell,
        2 => cell.Insert(random.Next(cell.Length + 1), ","),
        3 => cell.Insert(random.Next(cell.Length + 1), "\""),
        4 => cell.Insert(random.Next(cell.Length + 1), "\u0000\u001b"),
        5 => "-" + cell,
        _ => new string(cell.Reverse().ToArray()),
    };

    private static int Column(string[] header, string name) => Array.IndexOf(header, name) is >= 0 and var index ? index : throw new InvalidOperationException($"the sample has no {name} column");

    private static byte[] RandomBytes(Random random, int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }

    private static byte[] Gzip(byte[] content)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Optimal)) gzip.Write(content);
        return buffer.ToArray();
    }

    /// <summary>RFC 4180 cells of one line (the sample has quoted JSON tags with commas and doubled quotes).</summary>
    private static string[] Split(string line)
    {
        var cells = new List<string>();
        var cell = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted && c == '"' && i + 1 < line.Length && line[i + 1] == '"') { cell.Append('"'); i++; }
            else if (c == '"') quoted = !quoted;
            else if (c == ',' && !quoted) { cells.Add(cell.ToString()); cell.Clear(); }
            else cell.Append(c);
        }

        cells.Add(cell.ToString());
        return [.. cells];
    }

    private static string Join(string[] cells) => string.Join(',', cells.Select(c => c.AsSpan().IndexOfAny(",\"\n\r") >= 0 ? "\"" + c.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : c));
}
