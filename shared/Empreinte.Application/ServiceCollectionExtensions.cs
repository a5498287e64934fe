using Empreinte.Application.Calculators;
using Empreinte.Application.Results;
using Empreinte.Application.Tracking;
using Empreinte.Domain.Factors;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace Empreinte.Application;

/// <summary>The message → consumer list, in one place, for every host.</summary>
public static class BusRegistration
{
    /// <summary>The three calculators, each on its own endpoint, with their retry policy (<see cref="CalculatorRetry"/>).</summary>
    public static void AddCalculatorConsumers(this IRegistrationConfigurator bus)
    {
        bus.AddConsumer<EnergyConsumer, CalculatorConsumerDefinition<EnergyConsumer>>();
        bus.AddConsumer<WaterConsumer, CalculatorConsumerDefinition<WaterConsumer>>();
        bus.AddConsumer<MaterialsConsumer, CalculatorConsumerDefinition<MaterialsConsumer>>();
    }

    /// <summary>The import tracker (ImportParsed, BatchEstimated → ImportCompleted).</summary>
    public static void AddImportTracker(this IRegistrationConfigurator bus) => bus.AddConsumer<ImportTrackerConsumer>();

    /// <summary>In-process completion and fault signals for hosts that wait on an import.</summary>
    public static void AddImportSignals(this IRegistrationConfigurator bus)
    {
        bus.AddConsumer<ImportCompletedSignalConsumer>();
        bus.AddConsumer<BatchFaultSignalConsumer>();
    }

    /// <summary>
    /// What the consumers need to run in one process besides their bus (Mediator or in-memory): the
    /// factors, the sink, and the in-memory tracker state and completion signals.
    /// </summary>
    public static IServiceCollection AddInProcessPipeline(this IServiceCollection services, FactorSet factors, IEstimateSink sink)
    {
        services.AddLogging();
        services.AddSingleton(factors);
        services.AddSingleton(sink);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<ImportSignals>();
        services.AddSingleton<IImportProgressStore, InMemoryImportProgressStore>();
        return services;
    }
}
