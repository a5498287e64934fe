using Azure;
using Azure.Core;
using Azure.Data.Tables;
using Empreinte.Application.Reporting;
using Empreinte.Application.Results;
using Empreinte.Tables;

namespace Empreinte.Cli;

/// <summary>A <c>--tables</c> account that cannot be reached or whose tables cannot be created.</summary>
internal sealed class UnusableTablesException(string message, Exception inner) : Exception(message, inner);

/// <summary>Builds the Table Storage sink for <c>--tables</c> (Azure or Azurite, by connection string).</summary>
internal static class TableSinks
{
    public static IEstimateSink Create(string connectionString) => new TableResultSink(Tables(connectionString));

    /// <summary>
    /// The sink, once the account answered and the four tables exist: <c>estimate</c> checks this
    /// before reading anything, so a wrong or unreachable <c>--tables</c> fails the run before it writes.
    /// </summary>
    /// <exception cref="FormatException">The connection string is not one (also <see cref="ArgumentException"/>, <see cref="InvalidOperationException"/>).</exception>
    /// <exception cref="UnusableTablesException">The account cannot be reached or the tables cannot be created.</exception>
    public static async Task<IEstimateSink> ConnectAsync(string connectionString, CancellationToken cancellationToken)
    {
        var tables = Tables(connectionString);
        try
        {
            await tables.EnsureCreatedAsync(cancellationToken);
        }
        catch (Exception e) when (e is RequestFailedException or AggregateException or HttpRequestException or TimeoutException
                                      || (e is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            throw new UnusableTablesException($"--tables: cannot reach the account or create its tables at {tables.Lines.AccountName} ({e.Message.Split('\n')[0]})", e);
        }

        return new TableResultSink(tables);
    }

    /// <summary>The import's recommendations to <c>EmpreinteRecommendations</c>, replacing those of an earlier run over the same inputs.</summary>
    public static Task WriteRecommendationsAsync(string connectionString, ImportReportResult import, CancellationToken cancellationToken) =>
        new RecommendationsTable(new TableServiceClient(connectionString, ClientOptions())).WriteAsync(import, [.. import.Summary.Inputs.Select(i => i.Path)], cancellationToken);

    private static EmpreinteTables Tables(string connectionString) => new(new TableServiceClient(connectionString, ClientOptions()));

    private static TableClientOptions ClientOptions()
    {
        // Few, quick retries: on a laptop an unreachable Azurite should fail the run in seconds, not minutes.
        var options = new TableClientOptions();
        options.Retry.MaxRetries = 2;
        options.Retry.Mode = RetryMode.Exponential;
        options.Retry.Delay = TimeSpan.FromMilliseconds(200);
        options.Retry.NetworkTimeout = TimeSpan.FromSeconds(30);
        return options;
    }
}
