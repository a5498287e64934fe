using Empreinte.Application.Calculators;
using Empreinte.Application.Tracking;
using MassTransit;

namespace Empreinte.Application;

/// <summary>The message → consumer list, in one place, for every host.</summary>
public static class BusRegistration
{
    /// <summary>The three calculators, each on its own endpoint.</summary>
    public static void AddCalculatorConsumers(this IRegistrationConfigurator bus)
    {
        bus.AddConsumer<EnergyConsumer>();
        bus.AddConsumer<WaterConsumer>();
        bus.AddConsumer<MaterialsConsumer>();
    }

    /// <summary>The import tracker (ImportParsed, BatchEstimated → ImportCompleted).</summary>
    public static void AddImportTracker(this IRegistrationConfigurator bus) => bus.AddConsumer<ImportTrackerConsumer>();

    /// <summary>In-process completion and fault signals for hosts that wait on an import.</summary>
    public static void AddImportSignals(this IRegistrationConfigurator bus)
    {
        bus.AddConsumer<ImportCompletedSignalConsumer>();
        bus.AddConsumer<BatchFaultSignalConsumer>();
    }
}
