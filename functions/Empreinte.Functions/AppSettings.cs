namespace Empreinte.Functions;

/// <summary>
/// Every app setting the Functions code reads, named as infra/modules/functionapp.bicep deploys them
/// (environment-variable form, <c>__</c> for a section separator). Plain constants with no
/// dependency, so tests/Empreinte.Infra.Tests compiles this file and checks each one is deployed.
/// </summary>
public static class AppSettings
{
    /// <summary>Service Bus namespace (<c>&lt;ns&gt;.servicebus.windows.net</c>); when set, imports publish to the topic and the bridge runs the calculators.</summary>
    public const string ServiceBusNamespace = "ServiceBus__fullyQualifiedNamespace";

    /// <summary>The user-assigned managed identity's client id, for <c>DefaultAzureCredential</c>.</summary>
    public const string AzureClientId = "AZURE_CLIENT_ID";

    public const string TablesServiceUri = "Tables__serviceUri";
    public const string BlobsServiceUri = "Blobs__serviceUri";
    public const string TopicName = "Empreinte__TopicName";
    public const string ImportEventsTopicName = "Empreinte__ImportEventsTopicName";
    public const string ExportsContainer = "Empreinte__ExportsContainer";
    public const string ClaimCheckContainer = "Empreinte__ClaimCheckContainer";
    public const string UploadsContainer = "Empreinte__UploadsContainer";

    /// <summary>HMAC secret of signed uploads and pointers (a Key Vault reference in Azure).</summary>
    public const string SigningSecret = "Empreinte__SigningSecret";

    /// <summary>NCRONTAB schedule of <c>Exports.ExportsTimer</c>. Flat name: it is read by the host as <c>%…%</c>.</summary>
    public const string ExportsSchedule = "EmpreinteExportsSchedule";

    /// <summary>Read in Azure; local runs use the connection-string forms below instead (local.settings.json).</summary>
    public static IReadOnlyList<string> DeployedInAzure { get; } =
    [
        ServiceBusNamespace, AzureClientId, TablesServiceUri, BlobsServiceUri, TopicName, ImportEventsTopicName,
        ExportsContainer, ClaimCheckContainer, UploadsContainer, SigningSecret, ExportsSchedule,
    ];

    /// <summary>Azurite / local only: never deployed (Azure uses the identity-based service URIs).</summary>
    public const string TablesConnectionString = "Tables__connectionString";
    public const string BlobsConnectionString = "Blobs__connectionString";

    /// <summary>The configuration key (<c>Section:Key</c>) of an environment-variable setting name.</summary>
    public static string Key(string setting) => setting.Replace("__", ":", StringComparison.Ordinal);
}
