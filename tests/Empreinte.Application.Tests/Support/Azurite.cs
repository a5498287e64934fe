using Empreinte.Tables;
using global::Azure.Core;
using global::Azure.Data.Tables;

namespace Empreinte.Application.Tests.Support;

/// <summary>
/// Table Storage for tests: Azurite (or any account named by EMPREINTE_TABLES). Reachability is
/// checked once; a test that needs it and finds it missing fails with what to do — under CI and
/// on a laptop alike, never a silent skip.
/// </summary>
public sealed class Azurite : IAsyncLifetime
{
    public const string ConnectionVariable = "EMPREINTE_TABLES";

    public string ConnectionString { get; } =
        Environment.GetEnvironmentVariable(ConnectionVariable) is { Length: > 0 } configured ? configured : "UseDevelopmentStorage=true";

    private string? _problem;
    private TableServiceClient? _service;

    public async Task InitializeAsync()
    {
        var options = new TableClientOptions();
        options.Retry.MaxRetries = 1;
        options.Retry.Mode = RetryMode.Fixed;
        options.Retry.Delay = TimeSpan.FromMilliseconds(200);
        options.Retry.NetworkTimeout = TimeSpan.FromSeconds(5);
        var where = "(connection string not understood)";
        try
        {
            var service = new TableServiceClient(ConnectionString, options);
            where = service.Uri.ToString();
            await foreach (var _ in service.QueryAsync(maxPerPage: 1))
                break;
            _service = service;
        }
        catch (Exception e) when (e is global::Azure.RequestFailedException or HttpRequestException or TaskCanceledException or AggregateException or FormatException or InvalidOperationException)
        {
            var ci = Environment.GetEnvironmentVariable("CI") == "true" ? "CI=true and " : "";
            _problem = $"{ci}Table Storage is not reachable at {where} ({e.GetType().Name}: {e.Message.Split('\n')[0]}); " +
                       "start it with infra/local/start-azurite.sh (or set EMPREINTE_TABLES to a reachable account).";
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>The account, or a failed test saying how to start Azurite.</summary>
    public TableServiceClient Service
    {
        get
        {
            if (_problem is not null) Assert.Fail(_problem);
            return _service!;
        }
    }

    /// <summary>A fresh set of the four tables with names no other test uses.</summary>
    public EmpreinteTables NewTables() =>
        new(Service, TableNames.WithPrefix("t" + Guid.NewGuid().ToString("N")[..16]));
}

[CollectionDefinition(Name)]
public sealed class SharedAzurite : ICollectionFixture<Azurite>
{
    public const string Name = "Azurite";
}
