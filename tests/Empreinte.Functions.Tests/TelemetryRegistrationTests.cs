using Empreinte.Functions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Empreinte.Functions.Tests;

/// <summary>The Functions app exports the pipeline's telemetry to Application Insights only when it has a connection string.</summary>
public sealed class TelemetryRegistrationTests
{
    [Fact]
    public void WithConnectionString_RegistersTracingAndMetrics()
    {
        using var services = Build(new() { [FunctionsTelemetry.ConnectionStringSetting] = "InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=http://127.0.0.1:9/" });

        Assert.NotNull(services.GetService<TracerProvider>());
        Assert.NotNull(services.GetService<MeterProvider>());
    }

    [Fact]
    public void WithoutConnectionString_RegistersNothing()
    {
        using var services = Build([]);

        Assert.Null(services.GetService<TracerProvider>());
        Assert.Null(services.GetService<MeterProvider>());
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings) => new ServiceCollection()
        .AddEmpreinteTelemetry(new ConfigurationBuilder().AddInMemoryCollection(settings).Build())
        .BuildServiceProvider();
}
