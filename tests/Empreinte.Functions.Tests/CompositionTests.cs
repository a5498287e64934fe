using Empreinte.Azure.Bridge;
using Empreinte.Azure.Messaging;
using Empreinte.Functions.Exports;
using Empreinte.Functions.Imports;
using Empreinte.Functions.Reports;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Empreinte.Functions.Tests;

/// <summary><see cref="FunctionsServiceCollectionExtensions.AddEmpreinteFunctions"/> resolves every function, in both modes (nothing connects).</summary>
public sealed class CompositionTests
{
    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.ToDictionary(s => AppSettings.Key(s.Key), s => s.Value))
            .Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddEmpreinteFunctions(configuration);
        return services.BuildServiceProvider();
    }

    private static Dictionary<string, string?> Local() => new()
    {
        [AppSettings.TablesConnectionString] = "UseDevelopmentStorage=true",
        [AppSettings.BlobsConnectionString] = "UseDevelopmentStorage=true",
        [AppSettings.SigningSecret] = "a-local-secret-that-is-at-least-32-bytes-long",
    };

    [Fact]
    public void WithoutServiceBus_ImportsRunInProcessAndNoBridgeRuns()
    {
        using var provider = Build(Local());

        Assert.IsType<EmbeddedImportRunner>(provider.GetRequiredService<IImportRunner>());
        Assert.Empty(provider.GetServices<IHostedService>());
        Assert.NotNull(ActivatorUtilities.CreateInstance<ImportUpload>(provider));
        Assert.NotNull(ActivatorUtilities.CreateInstance<ImportStatusHttp>(provider));
        Assert.NotNull(ActivatorUtilities.CreateInstance<ExportsTimer>(provider));
        Assert.NotNull(ActivatorUtilities.CreateInstance<ReportsMonthlyHttp>(provider));
        Assert.NotNull(ActivatorUtilities.CreateInstance<ImportReportHttp>(provider));
    }

    [Fact]
    public async Task WithServiceBus_ImportsPublishAndTheBridgeRunsAsAHostedService()
    {
        var settings = Local();
        settings[AppSettings.ServiceBusNamespace] = "empreinte-test.servicebus.windows.net";
        settings[AppSettings.TopicName] = "usage-x";
        settings[AppSettings.ImportEventsTopicName] = "events-x";
        settings[AppSettings.AzureClientId] = "00000000-0000-0000-0000-000000000001";
        await using var provider = Build(settings);

        Assert.IsType<PublishingImportRunner>(provider.GetRequiredService<IImportRunner>());
        var hosted = provider.GetServices<IHostedService>().ToList();
        Assert.Equal(2, hosted.Count);
        Assert.Single(hosted.OfType<ServiceBusCalculatorBridge>());
        Assert.Single(hosted.OfType<ServiceBusBacklogService>());
        Assert.Equal(["usage-x/energy", "usage-x/water", "usage-x/materials", "events-x/tracker"], provider.GetRequiredService<ServiceBusBacklogReader>().Queues);
        var bridge = provider.GetRequiredService<ServiceBusBridgeOptions>();
        Assert.Equal("usage-x", bridge.UsageTopicName);
        Assert.Equal("events-x", bridge.ImportEventsTopicName);
        Assert.NotNull(bridge.AddEventConsumers);
    }

    [Fact]
    public async Task WithoutASigningSecret_UploadsAreRefusedWith503NeverAcceptedUnsigned()
    {
        var settings = Local();
        settings.Remove(AppSettings.SigningSecret);
        using var provider = Build(settings);
        var requests = provider.GetRequiredService<ImportRequestService>();

        var answer = await requests.HandleAsync(new ImportRequest(new MemoryStream("a,b\n1,2\n"u8.ToArray()), 8, null, null, "x.csv", "https://h/api/imports/"), CancellationToken.None);

        Assert.Equal(503, answer.StatusCode);
        Assert.Contains(AppSettings.SigningSecret, (string?)answer.Body["error"], StringComparison.Ordinal);
    }

    [Fact]
    public void WithoutStorage_FailsNamingTheSettings()
    {
        using var provider = Build(new Dictionary<string, string?>());

        var error = Assert.Throws<InvalidOperationException>(() => provider.GetRequiredService<global::Azure.Data.Tables.TableServiceClient>());
        Assert.Contains(AppSettings.TablesServiceUri, error.Message, StringComparison.Ordinal);
    }
}
