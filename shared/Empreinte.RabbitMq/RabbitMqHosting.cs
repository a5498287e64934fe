using Empreinte.Application;
using Empreinte.Application.Importing;
using Empreinte.Application.Tracking;
using Empreinte.Domain.Factors;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Empreinte.RabbitMq;

/// <summary>
/// The self-hosted scale-out over RabbitMQ (DESIGN.md, host 3). Two roles:
/// <list type="bullet">
/// <item><b>import host</b> (<c>serve</c>): ingestion publishes batches; it also runs the import
/// tracker, which needs one consistent view of an import's progress, and frees the ingestion
/// window as batches complete, so memory stays bounded on the publishing side too.</item>
/// <item><b>worker</b>: the three calculators, competing consumers on shared durable queues; run as
/// many as needed on as many machines. Results go through the registered
/// <see cref="Application.Results.IEstimateSink"/>; it must merge parts written by different processes (Table
/// Storage does, keyed per line and calculator; the file sink joins in-process only). Register the
/// sink's <see cref="Application.Calculators.StoreOutage"/> too, so that its outages are waited out.</item>
/// </list>
/// </summary>
public static class RabbitMqHosting
{
    /// <summary>Calculator consumers over RabbitMQ. Register an <see cref="Application.Results.IEstimateSink"/> too.</summary>
    public static IServiceCollection AddEmpreinteWorker(this IServiceCollection services, RabbitMqOptions options)
    {
        services.TryAddSingleton(FactorSet.Embedded);
        services.AddMassTransit(bus =>
        {
            bus.AddCalculatorConsumers();
            bus.UsingEmpreinteRabbitMq(options);
        });
        return services;
    }

    /// <summary>
    /// The publishing side: <see cref="ImportService"/> through <see cref="RabbitMqImporter"/>, the
    /// import tracker and the in-process completion signals. Run one import host per deployment
    /// (the tracker's progress store is in memory).
    /// </summary>
    public static IServiceCollection AddEmpreinteImportHost(this IServiceCollection services, RabbitMqOptions options, int window = BatchWindow.DefaultWindow)
    {
        services.TryAddSingleton(FactorSet.Embedded);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(new BatchWindow(window));
        services.TryAddSingleton<ImportSignals>();
        services.TryAddSingleton<IImportProgressStore, InMemoryImportProgressStore>();
        services.TryAddSingleton<RabbitMqImporter>();
        services.AddMassTransit(bus =>
        {
            bus.AddImportTracker();
            bus.AddImportSignals();
            bus.UsingEmpreinteRabbitMq(options);
        });
        return services;
    }

    private static void UsingEmpreinteRabbitMq(this IBusRegistrationConfigurator bus, RabbitMqOptions options)
    {
        if (options.TemporaryQueues)
        {
            bus.AddConfigureEndpointsCallback((_, endpoint) =>
            {
                if (endpoint is IRabbitMqReceiveEndpointConfigurator rabbit) rabbit.AutoDelete = true;
            });
        }

        bus.UsingRabbitMq((context, cfg) =>
        {
            var host = options.Host;
            var (user, password) = Credentials(host);
            var virtualHost = host.AbsolutePath.Trim('/') is { Length: > 0 } path ? Uri.UnescapeDataString(path) : "/";
            cfg.Host(host.Host, (ushort)(host.IsDefaultPort || host.Port <= 0 ? 5672 : host.Port), virtualHost, h =>
            {
                h.Username(user);
                h.Password(password);
            });
            cfg.PrefetchCount = options.PrefetchCount;
            // Retries are the consumers' own (CalculatorConsumerDefinition), the same on every transport.
            cfg.ConfigureEndpoints(context, new KebabCaseEndpointNameFormatter(options.EndpointPrefix, false));
        });
    }

    private static (string User, string Password) Credentials(Uri host)
    {
        if (string.IsNullOrEmpty(host.UserInfo)) return ("guest", "guest");
        var parts = host.UserInfo.Split(':', 2);
        return (Uri.UnescapeDataString(parts[0]), parts.Length > 1 ? Uri.UnescapeDataString(parts[1]) : "");
    }
}
