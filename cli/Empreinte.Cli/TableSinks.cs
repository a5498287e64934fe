using Azure.Core;
using Azure.Data.Tables;
using Empreinte.Application.Results;
using Empreinte.Application.Tables;

namespace Empreinte.Cli;

/// <summary>Builds the Table Storage sink for <c>--tables</c> (Azure or Azurite, by connection string).</summary>
internal static class TableSinks
{
    public static IEstimateSink Create(string connectionString)
    {
        // Few, quick retries: on a laptop an unreachable Azurite should fail the run in seconds, not minutes.
        var options = new TableClientOptions();
        options.Retry.MaxRetries = 2;
        options.Retry.Mode = RetryMode.Exponential;
        options.Retry.Delay = TimeSpan.FromMilliseconds(200);
        options.Retry.NetworkTimeout = TimeSpan.FromSeconds(30);
        return new TableResultSink(new EmpreinteTables(new TableServiceClient(connectionString, options)));
    }
}
