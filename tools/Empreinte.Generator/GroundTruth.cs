using System.Text.Json;
using System.Text.Json.Serialization;

namespace Empreinte.Generator;

/// <summary>What a generated file contains: rows, canonical quantity and cost per kind, summed exactly (decimal).</summary>
internal sealed class GroundTruth(long rows)
{
    private static readonly JsonSerializerOptions _json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public long Rows { get; } = rows;

    /// <summary>Quantity units per kind: hours (VMs), GB-months (storage), GB (transfer), tokens (AI), requests/operations (unmapped).</summary>
    public Dictionary<RowKind, KindTotals> Kinds { get; } = Enum.GetValues<RowKind>().ToDictionary(k => k, _ => new KindTotals());

    public decimal Cost => Kinds.Values.Sum(k => k.Cost);

    public void Add(RowKind kind, decimal canonicalQuantity, decimal cost)
    {
        var totals = Kinds[kind];
        totals.Rows++;
        totals.Quantity += canonicalQuantity;
        totals.Cost += cost;
    }

    public string ToJson() => JsonSerializer.Serialize(this, _json);
}

internal sealed class KindTotals
{
    public long Rows { get; set; }
    public decimal Quantity { get; set; }
    public decimal Cost { get; set; }
}
