using Empreinte.Domain.Usage;

namespace Empreinte.Ingestion.Formats;

/// <summary>
/// The OpenAI dashboard usage export (<c>completions_usage_&lt;from&gt;_&lt;to&gt;.csv</c>, billing-formats.md §6.1):
/// one row per bucket and group with token counts; no cost. An empty export has only the four time columns.
/// </summary>
public sealed class OpenAiUsageCsvFormat : IExportFormat
{
    public string Name => "openai-usage";

    public bool Matches(ColumnSet header) => header.IndexOf("start_time_iso") >= 0 && header.IndexOf("end_time_iso") >= 0;

    public IRowMapper CreateMapper(ColumnSet header, string fileName) => new Mapper(header, fileName);

    private sealed class Mapper(ColumnSet h, string file) : IRowMapper
    {
        private readonly int _start = h.IndexOf("start_time_iso");
        private readonly int _end = h.IndexOf("end_time_iso");
        private readonly int _project = h.IndexOf("project_id");
        private readonly int _model = h.IndexOf("model");
        private readonly int _input = h.IndexOf("input_tokens");
        private readonly int _output = h.IndexOf("output_tokens");
        private readonly int _apiKey = h.IndexOf("api_key_id");

        public ParsedRow Map(ExportRow row, long dataRow)
        {
            var c = new RowContext(row, h, file, dataRow);
            var input = c.Double(_input);
            var output = c.Double(_output);
            var start = c.Date(_start);
            var end = c.Date(_end);
            if (c.Error is { } error) return ParsedRow.Rejected(error);
            return c.Accept(OpenAiJson.TokenRecord(file, dataRow, "completions", c.Text(_model), input, output, start, end, c.Text(_project), c.Text(_apiKey), 0m, null));
        }
    }
}
