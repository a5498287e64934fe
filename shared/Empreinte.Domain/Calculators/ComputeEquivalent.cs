using Empreinte.Contracts;
using Empreinte.Domain.Factors;
using Empreinte.Domain.Usage;

namespace Empreinte.Domain.Calculators;

/// <summary>
/// Usage billed as compute without a machine type — containers (vCPU-hours, GB-hours), managed
/// databases (vCore-hours), serverless (GB-seconds) — and cost-proxy lines, expressed as vCPU-hours
/// and memory GB-hours on a generic host. Energy and materials then follow the virtual-machine model
/// with the provider's average CPU (flagged).
/// </summary>
/// <param name="VCpuHours">vCPU-hours, with their range.</param>
/// <param name="MemoryGbHours">Memory GB-hours, with their range.</param>
public sealed record ComputeEquivalent(Uncertain VCpuHours, Uncertain MemoryGbHours)
{
    public const string CurrencyNotUsd = "cost-proxy-currency-not-usd";

    /// <summary>GB of memory per vCPU on CCF's Lambda model: a function gets 1 vCPU per 1,792 MB (methodology-anchors §1.1).</summary>
    private const double LambdaGbPerVCpu = 1792.0 / 1024;

    public static bool Applies(UsageLine line) =>
        line.Flags.Contains(AssumptionFlags.CostProxy)
        || line.UsageKind is UsageKinds.Container or UsageKinds.Database or UsageKinds.Serverless;

    public static ComputeEquivalent Of(UsageLine line, FactorSet factors, List<string> flags)
    {
        if (line.Flags.Contains(AssumptionFlags.CostProxy))
        {
            // Spend converted to the vCPU-hours the same money buys on a reference on-demand VM, times the
            // share of a managed service's price that pays for compute (range: constants.csv).
            if (!string.Equals(line.Currency, "USD", StringComparison.OrdinalIgnoreCase)) flags.Add(CurrencyNotUsd);
            var vCpuHours = factors.Value(FactorKeys.CostProxyVCpuHoursPerUsd) * (double)line.Cost;
            return new(vCpuHours, vCpuHours * factors.Value(FactorKeys.CostProxyMemoryGbPerVCpu).Central);
        }

        if (line.UsageKind == UsageKinds.Serverless && line.GbSeconds is { } gbSeconds)
        {
            var gbHours = gbSeconds / 3600;
            return new(Uncertain.Exactly(gbHours / LambdaGbPerVCpu), Uncertain.Exactly(gbHours));
        }

        return new(Uncertain.Exactly(line.VCpuHours ?? 0), Uncertain.Exactly(line.MemoryGbHours ?? 0));
    }
}
