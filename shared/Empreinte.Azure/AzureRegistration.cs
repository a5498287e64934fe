using Azure.Messaging.ServiceBus;
using Azure.Storage.Blobs;
using Empreinte.Azure.Bridge;
using Empreinte.Azure.Messaging;
using Microsoft.Extensions.DependencyInjection;

namespace Empreinte.Azure;

/// <summary>Composition of the Azure pieces for the Functions worker.</summary>
public static class AzureRegistration
{
    /// <summary>
    /// Publishing to the topic with claim-check. Expects a <see cref="ServiceBusClient"/> and a
    /// <see cref="BlobServiceClient"/> in the container (both created with managed identity by the host).
    /// </summary>
    public static IServiceCollection AddServiceBusPublishing(
        this IServiceCollection services,
        string usageTopicName,
        string importEventsTopicName,
        string claimCheckContainer = ClaimCheckStore.DefaultContainerName,
        int maxInlineBodyBytes = ServiceBusBatchPublisher.StandardTierMaxInlineBodyBytes)
    {
        services.AddSingleton(sp => new ClaimCheckStore(sp.GetRequiredService<BlobServiceClient>().GetBlobContainerClient(claimCheckContainer)));
        services.AddSingleton(sp =>
        {
            var client = sp.GetRequiredService<ServiceBusClient>();
            return new ServiceBusBatchPublisher(
                client.CreateSender(usageTopicName), client.CreateSender(importEventsTopicName), sp.GetRequiredService<ClaimCheckStore>(), maxInlineBodyBytes);
        });
        services.AddSingleton<ServiceBusPublishEndpoint>();
        return services;
    }

    /// <summary>
    /// The calculators behind the topic's subscriptions (<see cref="CalculatorSubscriptions"/>).
    /// Expects in the container: <see cref="ServiceBusClient"/>, <see cref="ClaimCheckStore"/>
    /// (from <see cref="AddServiceBusPublishing"/>), the factor set, an <c>IEstimateSink</c>, an
    /// <c>IImportProgressStore</c> shared by every instance (Table Storage) and a <see cref="TimeProvider"/>.
    /// </summary>
    public static IServiceCollection AddServiceBusCalculatorBridge(this IServiceCollection services, Action<ServiceBusBridgeOptions>? configure = null)
    {
        var options = new ServiceBusBridgeOptions();
        configure?.Invoke(options);
        services.AddSingleton(options);
        services.AddHostedService(sp => new ServiceBusCalculatorBridge(
            sp.GetRequiredService<ServiceBusClient>(), sp, options, sp.GetService<ClaimCheckStore>(), sp.GetRequiredService<Microsoft.Extensions.Logging.ILoggerFactory>()));
        return services;
    }
}
