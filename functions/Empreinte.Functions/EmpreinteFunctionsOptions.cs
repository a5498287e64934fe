using Microsoft.Extensions.Configuration;

namespace Empreinte.Functions;

/// <summary>The functions' settings, read once from configuration (<see cref="AppSettings"/> names).</summary>
public sealed record EmpreinteFunctionsOptions
{
    public string? ServiceBusNamespace { get; init; }
    public string TopicName { get; init; } = "usage-batches";
    public string ImportEventsTopicName { get; init; } = "import-events";
    public string ExportsContainer { get; init; } = "exports";
    public string ClaimCheckContainer { get; init; } = "claimcheck";
    public string UploadsContainer { get; init; } = "uploads";
    public string? SigningSecret { get; init; }

    /// <summary>Azure mode: ingestion publishes to Service Bus and the bridge runs the calculators. Otherwise the pipeline runs in the request.</summary>
    public bool UsesServiceBus => !string.IsNullOrWhiteSpace(ServiceBusNamespace);

    public static EmpreinteFunctionsOptions From(IConfiguration configuration)
    {
        string? Read(string setting) => configuration[AppSettings.Key(setting)] is { Length: > 0 } value ? value : null;
        var defaults = new EmpreinteFunctionsOptions();
        return new EmpreinteFunctionsOptions
        {
            ServiceBusNamespace = Read(AppSettings.ServiceBusNamespace),
            TopicName = Read(AppSettings.TopicName) ?? defaults.TopicName,
            ImportEventsTopicName = Read(AppSettings.ImportEventsTopicName) ?? defaults.ImportEventsTopicName,
            ExportsContainer = Read(AppSettings.ExportsContainer) ?? defaults.ExportsContainer,
            ClaimCheckContainer = Read(AppSettings.ClaimCheckContainer) ?? defaults.ClaimCheckContainer,
            UploadsContainer = Read(AppSettings.UploadsContainer) ?? defaults.UploadsContainer,
            SigningSecret = Read(AppSettings.SigningSecret),
        };
    }
}
