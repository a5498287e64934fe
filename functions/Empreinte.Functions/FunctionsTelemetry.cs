using Azure.Monitor.OpenTelemetry.Exporter;
using Empreinte.Application;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Empreinte.Functions;

/// <summary>
/// The pipeline's traces and metrics (<see cref="EmpreinteTelemetry"/>: import → batch → calculate →
/// sink spans, rows, batches, calculator latency) sent to Application Insights — only when
/// <c>APPLICATIONINSIGHTS_CONNECTION_STRING</c> is set, as the Functions host sets it in Azure.
/// </summary>
public static class FunctionsTelemetry
{
    public const string ConnectionStringSetting = "APPLICATIONINSIGHTS_CONNECTION_STRING";

    public static IServiceCollection AddEmpreinteTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        var connectionString = configuration[ConnectionStringSetting];
        if (string.IsNullOrWhiteSpace(connectionString)) return services;
        // Passed explicitly: the exporter would otherwise look only at the environment, not at the app's configuration.
        services.AddOpenTelemetry()
            .WithTracing(tracing => tracing.AddSource(EmpreinteTelemetry.Name).AddAzureMonitorTraceExporter(o => o.ConnectionString = connectionString))
            .WithMetrics(metrics => metrics.AddMeter(EmpreinteTelemetry.Name).AddAzureMonitorMetricExporter(o => o.ConnectionString = connectionString));
        return services;
    }
}
