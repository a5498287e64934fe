using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Empreinte.Infra.Tests;

[Collection(CompiledTemplateGroup.Name)]
public sealed partial class SecurityTemplateTests(CompiledTemplateFixture compiled)
{
    [Fact]
    public void AppSettings_ContainNoAccountKeysOrSharedAccessKeys()
    {
        var settings = HostingTemplateTests.AppSettings(compiled.Single("Microsoft.Web/sites"));

        Assert.NotEmpty(settings);
        foreach (var (name, value) in settings)
        {
            Assert.DoesNotContain("AccountKey=", value ?? "", StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("SharedAccessKey=", value ?? "", StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("listKeys", value ?? "", StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("listConnectionStrings", value ?? "", StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("AccountKey=", name, StringComparison.OrdinalIgnoreCase);
        }

        // Nowhere in the template either.
        Assert.DoesNotContain("AccountKey=", compiled.Text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("SharedAccessKey=", compiled.Text, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void AppSettings_ConnectToHostStorageThroughTheManagedIdentity()
    {
        var settings = HostingTemplateTests.AppSettings(compiled.Single("Microsoft.Web/sites"));

        Assert.DoesNotContain("AzureWebJobsStorage", settings.Keys);
        Assert.Equal("managedidentity", settings["AzureWebJobsStorage__credential"]);
        Assert.Contains("clientId", settings["AzureWebJobsStorage__clientId"], StringComparison.Ordinal);
        Assert.Equal(settings["AZURE_CLIENT_ID"], settings["AzureWebJobsStorage__clientId"]);
        Assert.Contains("Authorization=AAD", settings["APPLICATIONINSIGHTS_AUTHENTICATION_STRING"], StringComparison.Ordinal);
        Assert.DoesNotContain("WEBSITE_CONTENTAZUREFILECONNECTIONSTRING", settings.Keys);
    }

    [Fact]
    public void ListKeys_IsUsedOnlyForTheFunctionHostKeyOfTheEventGridWebhook()
    {
        var calls = ListCalls(compiled.Text);

        var call = Assert.Single(calls);
        Assert.Contains("/host/default", call, StringComparison.Ordinal);
        Assert.Contains("Microsoft.Web/sites", call, StringComparison.Ordinal);
    }

    [Fact]
    public void StorageAccounts_RefuseSharedKeysAndPublicBlobs()
    {
        var accounts = compiled.OfType("Microsoft.Storage/storageAccounts").ToList();

        // The same module deploys the data account and the Functions host account.
        Assert.Equal(["data-storage", "host-storage"], accounts.Select(a => a.Scope.ModuleName).Order());
        foreach (var account in accounts)
        {
            Assert.Equal("StorageV2", (string?)account.Resolve("kind"));
            Assert.Equal("TLS1_2", (string?)account.Resolve("properties.minimumTlsVersion"));
            Assert.False((bool?)account.Resolve("properties.allowBlobPublicAccess"));
            Assert.False((bool?)account.Resolve("properties.allowSharedKeyAccess"));
            Assert.True((bool?)account.Resolve("properties.supportsHttpsTrafficOnly"));
        }
    }

    [Fact]
    public void DataStorage_HasResultTablesAndIngestionContainers()
    {
        var data = compiled.Root.AllResources().Single(r => r.Type == "Microsoft.Resources/deployments" && (string?)r.Json["name"] == "data-storage");

        Assert.Equal(
            ["EmpreinteExportRuns", "EmpreinteImports", "EmpreinteLines", "EmpreinteMonthly", "EmpreinteRecommendations", "EmpreinteSeenSignatures", "EmpreinteUnmapped"],
            Strings(data.Resolve("properties.parameters.tableNames.value")).Order());
        Assert.Equal(["claimcheck", "exports", "reports", "uploads"], Strings(data.Resolve("properties.parameters.containerNames.value")).Order());
    }

    [Fact]
    public void RoleAssignments_GrantDataPlaneRolesOnly()
    {
        var granted = compiled.OfType("Microsoft.Authorization/roleAssignments")
            .ToDictionary(r => r.Scope.ModuleName, r => Strings(r.Scope.Resolve(JsonValue.Create("[parameters('roleDefinitionIds')]"))).ToHashSet());

        AssertSameRoles([BuiltInRoles.StorageBlobDataContributor, BuiltInRoles.StorageTableDataContributor], granted["data-storage"]);
        AssertSameRoles([BuiltInRoles.StorageBlobDataOwner, BuiltInRoles.StorageTableDataContributor, BuiltInRoles.StorageQueueDataContributor], granted["host-storage"]);
        AssertSameRoles([BuiltInRoles.ServiceBusDataSender, BuiltInRoles.ServiceBusDataReceiver], granted["service-bus"]);
        AssertSameRoles([BuiltInRoles.KeyVaultSecretsUser], granted["key-vault"]);
        AssertSameRoles([BuiltInRoles.MonitoringMetricsPublisher], granted["monitoring"]);

        var all = granted.Values.SelectMany(g => g).ToHashSet();
        Assert.Superset(
            new HashSet<string> { BuiltInRoles.StorageBlobDataContributor, BuiltInRoles.StorageTableDataContributor, BuiltInRoles.StorageQueueDataContributor, BuiltInRoles.ServiceBusDataSender, BuiltInRoles.ServiceBusDataReceiver },
            all);
        foreach (var assignment in compiled.OfType("Microsoft.Authorization/roleAssignments"))
            Assert.Equal("ServicePrincipal", (string?)assignment.Json["properties"]!["principalType"]);
    }

    [Fact]
    public void Outputs_NameResourcesAndExposeNoSecrets()
    {
        var outputs = compiled.Template["outputs"]!.AsObject();

        Assert.Equal(
            ["dataStorageAccountName", "functionAppHostName", "functionAppName", "hostStorageAccountName", "identityClientId", "serviceBusFullyQualifiedNamespace"],
            outputs.Select(o => o.Key).Order());
        foreach (var (name, output) in outputs)
        {
            Assert.Equal("string", (string?)output!["type"]);
            var value = (string?)output["value"] ?? "";
            Assert.True(ListCalls(value).Count == 0, $"{name} calls a list* function.");
            Assert.DoesNotContain("ConnectionString", value, StringComparison.OrdinalIgnoreCase);
        }
    }

    private static void AssertSameRoles(string[] expected, HashSet<string> actual) =>
        Assert.True(actual.SetEquals(expected), $"expected [{string.Join(", ", expected)}], got [{string.Join(", ", actual)}]");

    private static List<string> Strings(JsonNode? node) =>
        Assert.IsType<JsonArray>(node).Select(v => (string)v!).ToList();

    /// <summary>
    /// Every call to an ARM list* function (listKeys, listAccountSas, listConnectionStrings, ...),
    /// which return keys, with its arguments up to the matching parenthesis.
    /// </summary>
    private static List<string> ListCalls(string text) =>
        ListFunction().Matches(text)
            .Select(m =>
            {
                var depth = 0;
                for (var i = m.Index + m.Length - 1; i < text.Length; i++)
                {
                    depth += text[i] switch { '(' => 1, ')' => -1, _ => 0 };
                    if (depth == 0)
                        return text[m.Index..(i + 1)];
                }

                return text[m.Index..];
            })
            .ToList();

    [GeneratedRegex(@"\blist[A-Z]\w*\(")]
    private static partial Regex ListFunction();
}
