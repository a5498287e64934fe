using System.Globalization;
using System.Text;
using Empreinte.Application.Files;
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

    /// <summary>
    /// The output contract's floor: the same Sep read, then for every row a lines.csv-shaped row
    /// written to <paramref name="output"/> with nothing classified or estimated: the 14 leading
    /// fields taken from the input's cells (FOCUS names; the charge category stands for the usage
    /// kind), the 31 estimate numbers as <see cref="SevenDigits"/> of the row's quantity times fixed
    /// factors (so they differ from row to row as real estimates do), and a fixed status, flags and
    /// factor-set version. Whatever the pipeline computes comes on top of this.
    /// </summary>
    public static long WriteLinesShapedRows(string path, string output)
    {
        using var text = new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16);
        using var reader = Sep.New(',').Reader(o => o with { Unescape = true, DisableColCountCheck = true }).From(text);
        using var file = new FileStream(output, FileMode.Create, FileAccess.Write, FileShare.Read, bufferSize: 0);
        var columns = reader.Header;
        int[] copied =
        [
            columns.IndexOf("ProviderName"), columns.IndexOf("SubAccountId"), columns.IndexOf("ResourceId"),
            columns.IndexOf("ServiceName"), columns.IndexOf("ServiceCategory"), columns.IndexOf("RegionId"),
            columns.IndexOf("ChargePeriodStart"), columns.IndexOf("ChargeCategory"),
        ];
        var quantityColumn = columns.IndexOf("ConsumedQuantity");
        int[] tail = [columns.IndexOf("ConsumedUnit"), columns.IndexOf("BilledCost"), columns.IndexOf("BillingCurrency")];
        var factors = Enumerable.Range(1, 31).Select(i => 0.0137 * i / 7.3).ToArray();
        var sourceFile = Encoding.UTF8.GetBytes(Path.GetFileName(path) + ",");
        var fixedEnd = "mapped,,default-utilisation;market-based-low-confidence,2026.12-v1\n"u8.ToArray();
        var buffer = new byte[1 << 20];
        var length = 0;
        long rows = 0;
        foreach (var row in reader)
        {
            rows++;
            if (length > buffer.Length - 16_384)
            {
                file.Write(buffer, 0, length);
                length = 0;
            }

            sourceFile.CopyTo(buffer, length);
            length += sourceFile.Length;
            rows.TryFormat(buffer.AsSpan(length), out var written, default, CultureInfo.InvariantCulture);
            length += written;
            buffer[length++] = (byte)',';
            foreach (var column in copied) Cell(row[column].Span);
            _ = double.TryParse(row[quantityColumn].Span, CultureInfo.InvariantCulture, out var quantity);
            Cell(row[quantityColumn].Span);
            foreach (var column in tail) Cell(row[column].Span);
            foreach (var factor in factors)
            {
                length += SevenDigits.Format(quantity * factor, buffer.AsSpan(length));
                buffer[length++] = (byte)',';
            }

            fixedEnd.CopyTo(buffer, length);
            length += fixedEnd.Length;
        }

        file.Write(buffer, 0, length);
        return rows;

        void Cell(ReadOnlySpan<char> cell)
        {
            length += Encoding.UTF8.GetBytes(cell, buffer.AsSpan(length));
            buffer[length++] = (byte)',';
        }
    }
}
