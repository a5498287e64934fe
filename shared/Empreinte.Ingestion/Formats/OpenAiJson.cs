using System.Text.Json;
using Empreinte.Domain.Usage;

namespace Empreinte.Ingestion.Formats;

/// <summary>
/// OpenAI Usage and Costs API responses (billing-formats.md §6.1): pages of buckets of results, a
/// single result object, or an array of either. One record per result, numbered in file order.
/// Usage results carry tokens and no cost; cost results carry an amount and, sometimes, a quantity.
/// </summary>
public static class OpenAiJson
{
    public const string UsageFormat = "openai-usage";
    public const string CostsFormat = "openai-costs";

    public static bool Matches(JsonElement root) => FirstResultType(root) is not null || IsPage(root);

    public static string DetectedName(JsonElement root) =>
        FirstResultType(root) is { } type && type.StartsWith("organization.costs", StringComparison.Ordinal) ? CostsFormat : UsageFormat;

    public static IEnumerable<ParsedRow> Rows(JsonDocument document, string file)
    {
        long row = 0;
        foreach (var (result, start, end) in Results(document.RootElement, null, null))
        {
            row++;
            yield return Map(result, start, end, file, row);
        }
    }

    internal static UsageRecord TokenRecord(string file, long row, string meter, string? model, double? input, double? output,
        DateTimeOffset? start, DateTimeOffset? end, string? project, string? apiKey, decimal cost, string? currency) => new()
        {
            SourceFile = file,
            SourceRow = row,
            Provider = Providers.OpenAi,
            SubAccountId = project,
            ResourceId = apiKey,
            ServiceName = "OpenAI API",
            ServiceCategory = "AI and Machine Learning",
            ChargePeriodStart = start,
            ChargePeriodEnd = end,
            ChargeCategory = "Usage",
            SkuMeter = meter,
            MeterCategory = "OpenAI",
            Quantity = (input ?? 0) + (output ?? 0),
            QuantityUnit = Units.Tokens,
            RawUnit = "tokens",
            Cost = cost,
            Currency = currency,
            AiModel = model,
            InputTokens = input,
            OutputTokens = output,
        };

    private static bool IsPage(JsonElement root) =>
        root.ValueKind == JsonValueKind.Object && root.TryGetProperty("object", out var o) && o.ValueEquals("page");

    private static string? FirstResultType(JsonElement root)
    {
        foreach (var (result, _, _) in Results(root, null, null))
            return result.TryGetProperty("object", out var o) ? o.GetString() : null;
        return null;
    }

    private static IEnumerable<(JsonElement Result, DateTimeOffset? Start, DateTimeOffset? End)> Results(JsonElement e, DateTimeOffset? start, DateTimeOffset? end)
    {
        if (e.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in e.EnumerateArray())
                foreach (var r in Results(item, start, end)) yield return r;
            yield break;
        }

        if (e.ValueKind != JsonValueKind.Object || !e.TryGetProperty("object", out var type) || type.ValueKind != JsonValueKind.String) yield break;
        var kind = type.GetString()!;
        if (kind == "page" && e.TryGetProperty("data", out var data))
        {
            foreach (var r in Results(data, start, end)) yield return r;
        }
        else if (kind == "bucket" && e.TryGetProperty("results", out var results))
        {
            var s = Seconds(e, "start_time");
            var t = Seconds(e, "end_time");
            foreach (var r in Results(results, s, t)) yield return r;
        }
        else if (kind.StartsWith("organization.", StringComparison.Ordinal))
        {
            yield return (e, start, end);
        }
    }

    private static DateTimeOffset? Seconds(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? DateTimeOffset.FromUnixTimeSeconds(v.GetInt64()) : null;

    private static string? Str(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static double? Num(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : null;

    private static ParsedRow Map(JsonElement r, DateTimeOffset? start, DateTimeOffset? end, string file, long row)
    {
        var type = Str(r, "object")!;
        var meter = type["organization.".Length..].Replace("usage.", "", StringComparison.Ordinal).Replace(".result", "", StringComparison.Ordinal);
        var project = Str(r, "project_id");
        if (type.StartsWith("organization.costs", StringComparison.Ordinal))
        {
            if (!r.TryGetProperty("amount", out var amount) || Num(amount, "value") is not { } value)
                return ParsedRow.Rejected(new RowError(file, row, "amount.value", "cost result without an amount"));
            var lineItem = Str(r, "line_item");
            var quantityUnit = Str(r, "quantity_unit");
            var (multiplier, unit) = quantityUnit switch
            {
                "tokens" => (1.0, Units.Tokens),
                "1000_tokens" => (1000.0, Units.Tokens),
                "duration_seconds" => (1.0 / 3600, Units.Hours),
                "duration_minutes" => (1.0 / 60, Units.Hours),
                "duration_hours" => (1.0, Units.Hours),
                "gibibyte_hours" => (Units.GbPerGib, Units.GbHours),
                "images" or "characters" => (1.0, Units.Count),
                _ => (1.0, quantityUnit ?? ""),
            };
            var quantity = Num(r, "quantity") * multiplier;
            // line_item reads "<model>, input" / "<model>, output" or a token kind ("input_tokens").
            string? model = null;
            double? input = null, output = null;
            if (lineItem is not null && unit == Units.Tokens)
            {
                var comma = lineItem.LastIndexOf(',');
                var direction = (comma >= 0 ? lineItem[(comma + 1)..] : lineItem).Trim();
                if (comma > 0) model = lineItem[..comma].Trim();
                if (direction.StartsWith("input", StringComparison.OrdinalIgnoreCase) || direction.StartsWith("cached", StringComparison.OrdinalIgnoreCase)) input = quantity;
                else if (direction.StartsWith("output", StringComparison.OrdinalIgnoreCase)) output = quantity;
            }

            return ParsedRow.Accepted(new UsageRecord
            {
                SourceFile = file,
                SourceRow = row,
                Provider = Providers.OpenAi,
                SubAccountId = project,
                ServiceName = "OpenAI API",
                ServiceCategory = "AI and Machine Learning",
                ChargePeriodStart = start,
                ChargePeriodEnd = end,
                ChargeCategory = "Usage",
                ChargeDescription = lineItem,
                SkuMeter = lineItem ?? meter,
                MeterCategory = "OpenAI",
                Quantity = quantity,
                QuantityUnit = unit.Length == 0 ? null : unit,
                RawUnit = quantityUnit,
                Cost = (decimal)value,
                Currency = Str(amount, "currency")?.ToUpperInvariant(),
                AiModel = model,
                InputTokens = input,
                OutputTokens = output,
            });
        }

        if (Num(r, "input_tokens") is { } inputTokens)
            return ParsedRow.Accepted(TokenRecord(file, row, meter, Str(r, "model"), inputTokens, Num(r, "output_tokens"), start, end, project, Str(r, "api_key_id"), 0m, null));

        // Images, audio, vector stores, sessions: usage without tokens; kept with its own count.
        var (q, u) = Num(r, "images") is { } images ? (images, Units.Count)
            : Num(r, "characters") is { } chars ? (chars, Units.Count)
            : Num(r, "seconds") is { } secs ? (secs, Units.Seconds)
            : Num(r, "usage_bytes") is { } bytes ? (bytes * 1e-9, Units.Gb)
            : Num(r, "num_sessions") is { } sessions ? (sessions, Units.Count)
            : (Num(r, "num_model_requests") ?? 0, Units.Requests);
        return ParsedRow.Accepted(new UsageRecord
        {
            SourceFile = file,
            SourceRow = row,
            Provider = Providers.OpenAi,
            SubAccountId = project,
            ServiceName = "OpenAI API",
            ServiceCategory = "AI and Machine Learning",
            ChargePeriodStart = start,
            ChargePeriodEnd = end,
            ChargeCategory = "Usage",
            SkuMeter = meter,
            MeterCategory = "OpenAI",
            Quantity = q,
            QuantityUnit = u,
            RawUnit = u,
            AiModel = Str(r, "model"),
        });
    }
}
