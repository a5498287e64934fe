using System.Text;
using nietras.SeparatedValues;

namespace Empreinte.Benchmarks;

/// <summary>
/// The floor the pipeline is measured against: Sep reading every row of the file with the same
/// options as <c>ExportReader</c> (UTF-8 decode, unescaping) and touching every cell's span.
/// </summary>
internal static class SepBaseline
{
    public readonly record struct Touched(long Rows, long Cells, long Chars, int Checksum);

    public static Touched TouchEveryCell(string path)
    {
        using var text = new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16);
        using var reader = Sep.New(',').Reader(o => o with { Unescape = true, DisableColCountCheck = true }).From(text);
        long rows = 0, cells = 0, chars = 0;
        var checksum = 0;
        foreach (var row in reader)
        {
            rows++;
            for (var i = 0; i < row.ColCount; i++)
            {
                var span = row[i].Span;
                cells++;
                chars += span.Length;
                if (!span.IsEmpty) checksum ^= span[0] ^ span[^1];
            }
        }

        return new Touched(rows, cells, chars, checksum);
    }
}
