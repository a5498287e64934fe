namespace Empreinte.Ingestion.Formats;

/// <summary>
/// The physical facts a FOCUS row states about its SKU: <c>SkuPriceDetails</c> (FOCUS 1.1/1.2 JSON; 1.2 standard keys
/// <c>InstanceType</c>, <c>CoreCount</c>, <c>MemorySize</c> and <c>DiskSpace</c> in GiB, <c>GpuCount</c>, <c>DiskType</c>,
/// <c>StorageClass</c>, <c>Redundancy</c>; Microsoft adds AdditionalInfo keys prefixed <c>x_</c>) and Microsoft's
/// <c>x_SkuDetails</c> (AdditionalInfo: <c>ServiceType</c> is the VM size, <c>VCPUs</c>). Sizes are returned in GB.
/// </summary>
public readonly record struct SkuDetails(
    string? InstanceType, int? VCpus, double? MemoryGb, int? GpuCount, string? DiskType, double? DiskSizeGb, string? StorageClass, string? Redundancy)
{
    private const double GbPerGib = Domain.Usage.Units.GbPerGib;

    public static SkuDetails Read(ReadOnlySpan<char> priceDetails, ReadOnlySpan<char> microsoftDetails)
    {
        var p = IsJson(priceDetails) ? priceDetails : [];
        var m = IsJson(microsoftDetails) ? microsoftDetails : [];
        if (p.IsEmpty && m.IsEmpty) return default;

        var instanceType = p.IsEmpty ? null : JsonCell.String(p, "InstanceType") ?? JsonCell.String(p, "x_ServiceType");
        var vcpus = p.IsEmpty ? null : Count(JsonCell.Number(p, "CoreCount") ?? JsonCell.Number(p, "x_VCPUs"));
        if (!m.IsEmpty)
        {
            instanceType ??= JsonCell.String(m, "ServiceType");
            vcpus ??= Count(JsonCell.Number(m, "VCPUs") ?? JsonCell.Number(m, "vCores"));
        }

        if (p.IsEmpty) return new SkuDetails(instanceType, vcpus, null, null, null, null, null, null);
        return new SkuDetails(
            instanceType,
            vcpus,
            JsonCell.Number(p, "MemorySize") is > 0 and var memory ? memory * GbPerGib : null,
            Count(JsonCell.Number(p, "GpuCount")),
            JsonCell.String(p, "DiskType"),
            JsonCell.Number(p, "DiskSpace") is > 0 and var disk ? disk * GbPerGib : null,
            JsonCell.String(p, "StorageClass"),
            JsonCell.String(p, "Redundancy"));
    }

    private static bool IsJson(ReadOnlySpan<char> cell) => cell.TrimStart() is [var first, ..] && first is '{' or '"';

    /// <summary>A positive whole count (cores, GPUs); zero and fractions of nothing are no statement.</summary>
    private static int? Count(double? value) => value is >= 1 and < int.MaxValue ? (int)Math.Round(value.Value) : null;
}
