namespace Empreinte.Faults.Tests;

/// <summary>
/// The broker node and the table service every fault test shares, started once for the suite on
/// ports of their own. Tests of the collection run one at a time: several of them stop these services.
/// </summary>
public sealed class FaultEnvironment : IAsyncLifetime
{
    internal OwnRabbitMq RabbitMq { get; } = new();

    internal OwnAzurite Azurite { get; } = new();

    public async Task InitializeAsync()
    {
        await Task.WhenAll(RabbitMq.StartAsync(), Azurite.StartAsync());
    }

    public async Task DisposeAsync()
    {
        await RabbitMq.DisposeAsync();
        await Azurite.DisposeAsync();
    }
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class FaultSuite : ICollectionFixture<FaultEnvironment>
{
    public const string Name = "fault suite";
}
