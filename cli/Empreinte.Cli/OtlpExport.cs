using Empreinte.Application;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Empreinte.Cli;

/// <summary>
/// OTLP export of the <see cref="EmpreinteTelemetry"/> traces and metrics, for every command of this
/// process (estimate, serve, worker) — only when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set; the exporter
/// reads the other standard <c>OTEL_*</c> variables (protocol, headers, service name) itself.
/// </summary>
internal static class OtlpExport
{
    public static IDisposable? StartIfConfigured()
    {
        if (string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable("OTEL_EXPORTER_OTLP_ENDPOINT"))) return null;
        var resource = ResourceBuilder.CreateDefault().AddService("empreinte", serviceVersion: HelpText.InformationalVersion);
        var traces = Sdk.CreateTracerProviderBuilder().SetResourceBuilder(resource).AddSource(EmpreinteTelemetry.Name).AddOtlpExporter().Build();
        var metrics = Sdk.CreateMeterProviderBuilder().SetResourceBuilder(resource).AddMeter(EmpreinteTelemetry.Name).AddOtlpExporter().Build();
        return new Providers(traces, metrics);
    }

    private sealed class Providers(TracerProvider? traces, MeterProvider? metrics) : IDisposable
    {
        // Disposing flushes what is still buffered before the process exits.
        public void Dispose()
        {
            traces?.Dispose();
            metrics?.Dispose();
        }
    }
}
