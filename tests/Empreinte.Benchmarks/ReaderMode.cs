using System.Diagnostics;
using Empreinte.Ingestion;

namespace Empreinte.Benchmarks;

/// <summary>
/// <c>reader --file PATH [--repeat N]</c>: the CSV reader alone against bare Sep in one process, so the
/// ratio survives a noisy machine. Each round reads the whole file with Sep (every cell touched), then
/// with <see cref="ExportReader"/> (tokenise, parse, normalise every row); prints the best of N rounds.
/// </summary>
internal static class ReaderMode
{
    public static int Run(ReadOnlySpan<string> args)
    {
        string? file = null;
        var repeat = 3;
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            switch (args[i])
            {
                case "--file": file = args[i + 1]; break;
                case "--repeat": repeat = int.Parse(args[i + 1], System.Globalization.CultureInfo.InvariantCulture); break;
                default: Console.Error.WriteLine("usage: reader --file PATH [--repeat N]"); return 2;
            }
        }

        if (file is null)
        {
            Console.Error.WriteLine("usage: reader --file PATH [--repeat N]");
            return 2;
        }

        var sepBest = TimeSpan.MaxValue;
        var readerBest = TimeSpan.MaxValue;
        var tokenizerBest = TimeSpan.MaxValue;
        long sepRows = 0, readRows = 0, rejected = 0, tokenized = 0, allocated = 0;
        for (var round = 0; round < repeat; round++)
        {
            var clock = Stopwatch.StartNew();
            sepRows = SepBaseline.TouchEveryCell(file).Rows;
            sepBest = Min(sepBest, clock.Elapsed);

            clock.Restart();
            tokenized = TokenizeEveryCell(file);
            tokenizerBest = Min(tokenizerBest, clock.Elapsed);

            clock.Restart();
            readRows = rejected = 0;
            var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
            using (var export = ExportReader.Open(file))
            {
                foreach (var row in export.Rows())
                {
                    if (row.Error is null) readRows++;
                    else rejected++;
                }
            }

            readerBest = Min(readerBest, clock.Elapsed);
            allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
        }

        Console.WriteLine($"{Path.GetFileName(file)}: bare Sep {sepRows:N0} rows in {sepBest.TotalMilliseconds:N0} ms; " +
            $"CsvRecordReader alone {tokenized:N0} records in {tokenizerBest.TotalMilliseconds:N0} ms ({tokenizerBest / sepBest:N2}× bare Sep); " +
            $"ExportReader {readRows:N0} read + {rejected:N0} rejected in {readerBest.TotalMilliseconds:N0} ms " +
            $"({readRows / readerBest.TotalSeconds:N0} rows/s, {readerBest / sepBest:N2}× bare Sep, {allocated / Math.Max(readRows + rejected, 1):N0} B allocated a row); best of {repeat}");
        return 0;
    }

    /// <summary>The tokenizer ExportReader uses, every cell's span touched as <see cref="SepBaseline.TouchEveryCell"/> does.</summary>
    private static long TokenizeEveryCell(string path)
    {
        using var text = new StreamReader(path, System.Text.Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16);
        var reader = new CsvRecordReader(text);
        long records = 0;
        var checksum = 0;
        while (reader.Read() != CsvRecordReader.Outcome.End)
        {
            records++;
            for (var i = 0; i < reader.ColCount; i++)
            {
                var span = reader[i];
                if (!span.IsEmpty) checksum ^= span[0] ^ span[^1];
            }
        }

        return records + (checksum & 0);
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
