using Empreinte.Domain.Usage;

namespace Empreinte.Ingestion;

/// <summary>One row out of a reader: a normalised record, or the error that rejected it.</summary>
public readonly record struct ParsedRow(UsageRecord? Record, RowError? Error)
{
    public static ParsedRow Accepted(UsageRecord record) => new(record, null);

    public static ParsedRow Rejected(RowError error) => new(null, error);
}
