using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Messaging.ServiceBus;
using Azure.Messaging.ServiceBus.Administration;
using Azure.Storage.Blobs;
using Empreinte.Application.Results;
using Empreinte.Application.Tracking;
using Empreinte.Azure;
using Empreinte.Azure.Bridge;
using Empreinte.Azure.Exports;
using Empreinte.Azure.Messaging;
using Empreinte.Azure.Webhooks;
using Empreinte.Domain.Factors;
using Empreinte.Functions.Exports;
using Empreinte.Functions.Imports;
using Empreinte.Functions.Reports;
using Empreinte.Tables;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Empreinte.Functions;

/// <summary>The Functions app's composition: storage, the import path (Service Bus or in process), the bridge, reports.</summary>
public static class FunctionsServiceCollectionExtensions
{
    /// <summary>
    /// Registers everything the functions need. Storage comes from <c>Tables__serviceUri</c> /
    /// <c>Blobs__serviceUri</c> with the app's managed identity (Azure: no secret anywhere), or from
    /// <c>Tables__connectionString</c> / <c>Blobs__connectionString</c> (Azurite, local.settings.json).
    /// With <c>ServiceBus__fullyQualifiedNamespace</c> set, imports publish to the topic and the
    /// calculator bridge runs as a hosted service; without it, the pipeline runs in the request (local mode).
    /// </summary>
    public static IServiceCollection AddEmpreinteFunctions(this IServiceCollection services, IConfiguration configuration)
    {
        var options = EmpreinteFunctionsOptions.From(configuration);
        var credential = new Lazy<TokenCredential>(() => new DefaultAzureCredential(new DefaultAzureCredentialOptions
        {
            ManagedIdentityClientId = configuration[AppSettings.Key(AppSettings.AzureClientId)],
        }));

        services.AddSingleton(options);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(_ => FactorSet.Embedded);
        services.AddSingleton(_ => CreateTableService(configuration, credential));
        services.AddSingleton(_ => CreateBlobService(configuration, credential));
        services.AddSingleton(provider => new EmpreinteTables(provider.GetRequiredService<TableServiceClient>()));
        services.AddSingleton<ImportRecords>();
        services.AddSingleton<ImportUploadService>();
        services.AddSingleton<BlobImportService>();
        // Without a signing secret every signed request is refused (503): never accept unsigned uploads.
        services.AddSingleton(provider => new ImportRequestService(
            provider.GetRequiredService<ImportUploadService>(),
            provider.GetRequiredService<BlobImportService>(),
            options.SigningSecret is { } secret ? SignedUploads(secret, provider) : null,
            provider.GetRequiredService<ILogger<ImportRequestService>>()));
        services.AddSingleton<IExportRunImporter, ExportRunPartsImporter>();
        services.AddSingleton(provider => new ExportRunScanner(
            provider.GetRequiredService<BlobServiceClient>().GetBlobContainerClient(options.ExportsContainer),
            provider.GetRequiredService<TableServiceClient>().GetTableClient(ExportRunKeys.TableName),
            provider.GetRequiredService<IExportRunImporter>(),
            provider.GetRequiredService<TimeProvider>(),
            provider.GetService<ILogger<ExportRunScanner>>()));
        services.AddSingleton(provider => new ImportReportWriter(
            provider.GetRequiredService<BlobServiceClient>().GetBlobContainerClient(ImportReportWriter.DefaultContainer),
            new RecommendationsTable(provider.GetRequiredService<TableServiceClient>())));
        services.AddSingleton(provider => new MonthlyReportService(
            provider.GetRequiredService<EmpreinteTables>(), provider.GetRequiredService<TableServiceClient>().GetTableClient(ExportRunKeys.TableName)));

        if (options.UsesServiceBus) AddServiceBusMode(services, options, credential);
        else services.AddSingleton<IImportRunner, EmbeddedImportRunner>();
        return services;
    }

    /// <summary>
    /// Azure: ingestion publishes through <see cref="ServiceBusPublishEndpoint"/> (claim-check for large
    /// batches), and the bridge runs the calculators and the tracker on the subscriptions, writing to
    /// Table Storage; <see cref="ImportCompletedConsumer"/> records each completion.
    /// </summary>
    private static void AddServiceBusMode(IServiceCollection services, EmpreinteFunctionsOptions options, Lazy<TokenCredential> credential)
    {
        services.AddSingleton(_ => new ServiceBusClient(options.ServiceBusNamespace, credential.Value));
        services.AddServiceBusPublishing(options.TopicName, options.ImportEventsTopicName, options.ClaimCheckContainer);
        services.AddSingleton<IImportRunner>(provider => new PublishingImportRunner(
            provider.GetRequiredService<ServiceBusPublishEndpoint>(), provider.GetRequiredService<FactorSet>(), provider.GetRequiredService<ImportRecords>(),
            reports: provider.GetRequiredService<ImportReportWriter>()));
        services.AddSingleton<IEstimateSink>(provider => new TableResultSink(provider.GetRequiredService<EmpreinteTables>()));
        services.AddSingleton<IImportProgressStore>(provider => new TableImportProgressStore(provider.GetRequiredService<EmpreinteTables>(), provider.GetRequiredService<TimeProvider>()));
        services.AddTableStorageOutages();
        services.AddServiceBusCalculatorBridge(bridge =>
        {
            bridge.UsageTopicName = options.TopicName;
            bridge.ImportEventsTopicName = options.ImportEventsTopicName;
            bridge.AddEventConsumers = (mediator, provider) => mediator.Consumer(() => ActivatorUtilities.CreateInstance<ImportCompletedConsumer>(provider));
        });
        // empreinte.bus.backlog: the subscriptions' active messages, the figure the autoscale rule scales on.
        services.AddSingleton(provider => new ServiceBusBacklogReader(
            new ServiceBusAdministrationClient(options.ServiceBusNamespace, credential.Value), provider.GetRequiredService<ServiceBusBridgeOptions>()));
        services.AddHostedService<ServiceBusBacklogService>();
    }

    /// <summary>The gate of signed uploads, remembering accepted signatures in Table Storage so that none is accepted twice.</summary>
    private static SignedUploadGate SignedUploads(string secret, IServiceProvider provider)
    {
        var clock = provider.GetRequiredService<TimeProvider>();
        var signature = UploadSignature.FromSetting(secret, clock);
        var seen = new SeenSignatures(provider.GetRequiredService<TableServiceClient>().GetTableClient(SeenSignatureKeys.TableName), clock, signature.Tolerance);
        return new SignedUploadGate(signature, seen: seen);
    }

    public static TableServiceClient CreateTableService(IConfiguration configuration, Lazy<TokenCredential> credential)
    {
        if (configuration[AppSettings.Key(AppSettings.TablesServiceUri)] is { Length: > 0 } serviceUri)
            return new TableServiceClient(new Uri(serviceUri), credential.Value);
        if (configuration[AppSettings.Key(AppSettings.TablesConnectionString)] is { Length: > 0 } connectionString)
            return new TableServiceClient(connectionString);
        throw new InvalidOperationException(
            $"Table Storage is not configured: set {AppSettings.TablesServiceUri} (Azure, managed identity) or {AppSettings.TablesConnectionString} (Azurite).");
    }

    public static BlobServiceClient CreateBlobService(IConfiguration configuration, Lazy<TokenCredential> credential)
    {
        if (configuration[AppSettings.Key(AppSettings.BlobsServiceUri)] is { Length: > 0 } serviceUri)
            return new BlobServiceClient(new Uri(serviceUri), credential.Value);
        if (configuration[AppSettings.Key(AppSettings.BlobsConnectionString)] is { Length: > 0 } connectionString)
            return new BlobServiceClient(connectionString);
        throw new InvalidOperationException(
            $"Blob Storage is not configured: set {AppSettings.BlobsServiceUri} (Azure, managed identity) or {AppSettings.BlobsConnectionString} (Azurite).");
    }
}
