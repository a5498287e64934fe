using System.Net;
using Azure;
using Empreinte.Application.Calculators;
using Microsoft.Extensions.DependencyInjection;

namespace Empreinte.Tables;

/// <summary>
/// Failures that say the result store is unreachable or overloaded for now (Table Storage down,
/// restarting, throttling, failing over) rather than that the batch is bad. Registered as a
/// <see cref="StoreOutage"/>, they make a calculator keep such a batch and try again for about a
/// minute instead of faulting the whole import after the three seconds of its ordinary retries
/// (<see cref="CalculatorRetry"/>; the fault suite restarts Azurite mid-import: docs/benchmarks.md).
/// </summary>
public static class TableStorageOutage
{
    /// <summary>Lets the calculators of this host wait out a Table Storage outage.</summary>
    public static IServiceCollection AddTableStorageOutages(this IServiceCollection services) =>
        services.AddSingleton(new StoreOutage(Is));

    public static bool Is(Exception exception) => exception switch
    {
        // Status 0: no HTTP response at all (connection refused or reset, DNS, timeout).
        RequestFailedException failed => failed.Status is 0 or (int)HttpStatusCode.RequestTimeout or (int)HttpStatusCode.TooManyRequests or >= 500,
        HttpRequestException => true,
        AggregateException aggregate => aggregate.InnerExceptions.Count > 0 && aggregate.InnerExceptions.All(Is),
        _ => false,
    };
}
