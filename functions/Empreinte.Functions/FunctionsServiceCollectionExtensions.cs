using Azure.Data.Tables;
using Azure.Identity;
using Empreinte.Application.Tables;
using Empreinte.Domain.Factors;
using Empreinte.Functions.Imports;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Empreinte.Functions;

/// <summary>The Functions app's composition: Table Storage, factors, and the import service.</summary>
public static class FunctionsServiceCollectionExtensions
{
    /// <summary>
    /// Registers everything the functions need. Table Storage comes from <c>Tables:serviceUri</c>
    /// with the app's managed identity (Azure: no secret anywhere), or from
    /// <c>Tables:connectionString</c> (Azurite, local.settings.json).
    /// </summary>
    public static IServiceCollection AddEmpreinteFunctions(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(_ => FactorSet.Embedded);
        services.AddSingleton(_ => CreateTableService(configuration.GetSection("Tables")));
        services.AddSingleton(provider => new EmpreinteTables(provider.GetRequiredService<TableServiceClient>()));
        services.AddSingleton<ImportRecords>();
        services.AddSingleton<ImportUploadService>();
        return services;
    }

    public static TableServiceClient CreateTableService(IConfiguration tables)
    {
        if (tables["serviceUri"] is { Length: > 0 } serviceUri)
            return new TableServiceClient(new Uri(serviceUri), new DefaultAzureCredential());
        if (tables["connectionString"] is { Length: > 0 } connectionString)
            return new TableServiceClient(connectionString);
        throw new InvalidOperationException(
            "Table Storage is not configured: set Tables__serviceUri (Azure, managed identity) or Tables__connectionString (Azurite).");
    }
}
