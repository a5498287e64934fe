namespace Empreinte.Ingestion.Formats;

/// <summary>An export format (CSV or Parquet, by column names): recognises its header and maps each row to a <see cref="Domain.Usage.UsageRecord"/>.</summary>
public interface IExportFormat
{
    /// <summary>Format name written to summary.json (<c>focus-1.0</c>, <c>azure-ea</c>, <c>aws-cur</c>…).</summary>
    string Name { get; }

    /// <summary>Says whether a header (names as written) is this format's; the most specific format wins.</summary>
    bool Matches(ColumnSet header);

    /// <summary>The name written to summary.json for this header (a format family may have several shapes).</summary>
    string DetectedName(ColumnSet header) => Name;

    IRowMapper CreateMapper(ColumnSet header, string fileName);
}

/// <summary>Maps one data row; stateful per file (it holds the column indices).</summary>
public interface IRowMapper
{
    ParsedRow Map(ExportRow row, long dataRow);
}
