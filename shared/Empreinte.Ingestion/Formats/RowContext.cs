using Empreinte.Domain.Usage;

namespace Empreinte.Ingestion.Formats;

/// <summary>
/// Typed cell access for one row of one file: the first parse error is kept with its column so
/// the row is rejected with file, row and column, and nothing else is lost.
/// </summary>
public ref struct RowContext(ExportRow row, ColumnSet columns, string file, long dataRow)
{
    private readonly ExportRow _row = row;
    private readonly bool _mayHoldReplacement = row.MayHoldReplacementCharacter;

    public RowError? Error { get; private set; }

    public readonly ReadOnlySpan<char> Raw(int index) => _row[index];

    public string? Text(int index) => Cells.Text(Decoded(index));

    /// <summary>The text of a repetitive column, shared through the mapper's pool.</summary>
    public string? Text(int index, TextPool pool) => pool.Get(Decoded(index));

    /// <summary>
    /// The cell, rejecting the row when its bytes were not valid UTF-8: the decoder turns them into
    /// U+FFFD, and a damaged resource id or meter would otherwise be accepted as a different one.
    /// </summary>
    private ReadOnlySpan<char> Decoded(int index)
    {
        var raw = Raw(index);
        if (_mayHoldReplacement && raw.Contains('\uFFFD')) Fail(index, "bytes that are not valid UTF-8 (shown as U+FFFD); is the file in another encoding?");
        return raw;
    }

    /// <summary>A cost cell: a number within ±<see cref="Plausible.MaxCost"/>, or the row is rejected.</summary>
    public decimal? Decimal(int index)
    {
        if (Cells.TryDecimal(Raw(index), out var value))
        {
            if (value is not { } d || decimal.Abs(d) <= Plausible.MaxCost) return value;
            Fail(index, $"a cost of {Printable.Cell(Raw(index))} is beyond ±{Plausible.MaxCost:E0}: a damaged or misread cell?");
            return null;
        }

        Fail(index, double.TryParse(Raw(index).Trim(), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out _)
            ? $"a cost of {Printable.Cell(Raw(index))} is beyond ±{Plausible.MaxCost:E0}: a damaged or misread cell?"
            : $"not a number: '{Printable.Cell(Raw(index))}'");
        return null;
    }

    /// <summary>A quantity or count cell: a finite number within ±<see cref="Plausible.MaxQuantity"/>, or the row is rejected.</summary>
    public double? Double(int index)
    {
        if (Cells.TryDouble(Raw(index), out var value))
        {
            if (value is not { } x || Math.Abs(x) <= Plausible.MaxQuantity) return value;
            Fail(index, $"a quantity of {Printable.Cell(Raw(index))} is beyond ±{Plausible.MaxQuantity:E0}: a damaged or misread cell?");
            return null;
        }

        Fail(index, $"not a number: '{Printable.Cell(Raw(index))}'");
        return null;
    }

    public DateTimeOffset? Date(int index)
    {
        if (Cells.TryDate(Raw(index), out var value)) return value;
        Fail(index, $"not a date: '{Printable.Cell(Raw(index))}'");
        return null;
    }

    /// <summary>The row as read, or rejected when a cell read while building it failed (a text cell's bad bytes).</summary>
    public readonly ParsedRow Accept(UsageRecord record) => Error is { } error ? ParsedRow.Rejected(error) : ParsedRow.Accepted(record);

    public void Fail(int index, string message) => Error ??= new RowError(file, dataRow, columns.NameAt(index), message);

    /// <summary>Quantity in canonical units: the raw block unit is multiplied out (<c>10 Hours</c> → hours).</summary>
    public static (double? Quantity, string? Unit) Normalise(double? quantity, string? rawUnit)
    {
        if (quantity is null) return (null, rawUnit);
        var (multiplier, unit) = Units.Normalise(rawUnit, out _);
        return (quantity * multiplier, unit.Length == 0 ? null : unit);
    }

    /// <summary><see cref="Normalise(double?, string?)"/> with the unit's multiplier and canonical name derived once per pooled unit.</summary>
    internal static (double? Quantity, string? Unit) Normalise(double? quantity, string? rawUnit, ByInstance<(double Multiplier, string Unit)> units)
    {
        if (quantity is null) return (null, rawUnit);
        var (multiplier, unit) = rawUnit is null ? Units.Normalise(null, out _) : units.For(rawUnit);
        return (quantity * multiplier, unit.Length == 0 ? null : unit);
    }

    /// <summary>For <see cref="ByInstance{T}"/>: a raw unit's block multiplier and canonical unit.</summary>
    internal static (double Multiplier, string Unit) UnitOf(string rawUnit) => Units.Normalise(rawUnit, out _);
}
