using System.Text.Json.Nodes;
using FunctionSettings = Empreinte.Functions.AppSettings;

namespace Empreinte.Infra.Tests;

/// <summary>What the Functions code of the Azure production path relies on in the deployment.</summary>
[Collection(CompiledTemplateGroup.Name)]
public sealed class ProductionPathTemplateTests(CompiledTemplateFixture compiled)
{
    [Fact]
    public void EverySettingTheFunctionsCodeReads_IsDeployed()
    {
        var settings = HostingTemplateTests.AppSettings(compiled.Single("Microsoft.Web/sites"));

        Assert.NotEmpty(FunctionSettings.DeployedInAzure);
        foreach (var name in FunctionSettings.DeployedInAzure)
            Assert.False(string.IsNullOrEmpty(settings.GetValueOrDefault(name)), $"The Functions code reads {name}, which functionapp.bicep does not deploy.");
        // Local-only forms never reach Azure: storage there is reached with the managed identity.
        Assert.DoesNotContain(FunctionSettings.TablesConnectionString, settings.Keys);
        Assert.DoesNotContain(FunctionSettings.BlobsConnectionString, settings.Keys);
    }

    [Fact]
    public void ExportsTimerSchedule_IsEveryThirtyMinutes()
    {
        var settings = HostingTemplateTests.AppSettings(compiled.Single("Microsoft.Web/sites"));

        Assert.Equal("0 */30 * * * *", settings[FunctionSettings.ExportsSchedule]);
    }

    [Fact]
    public void Topics_RequireDuplicateDetection_ForTheDeterministicMessageIds()
    {
        var topics = compiled.OfType("Microsoft.ServiceBus/namespaces/topics").ToList();

        Assert.Equal(2, topics.Count);
        foreach (var topic in topics)
        {
            Assert.True((bool?)topic.Resolve("properties.requiresDuplicateDetection"), $"{topic.Json["name"]} has no duplicate detection");
            Assert.Equal("PT1H", (string?)topic.Resolve("properties.duplicateDetectionHistoryTimeWindow"));
        }
    }

    [Fact]
    public void ClaimCheckBlobs_AreDeletedAfterFifteenDays_OnTheDataAccountOnly()
    {
        var policies = compiled.OfType("Microsoft.Storage/storageAccounts/managementPolicies").ToList();
        var data = Assert.Single(policies, p => p.Scope.ModuleName == "data-storage");
        var host = Assert.Single(policies, p => p.Scope.ModuleName == "host-storage");

        Assert.Equal("claimcheck", (string?)data.Scope.Resolve(JsonValue.Create("[parameters('expiringContainerName')]")));
        Assert.True(string.IsNullOrEmpty((string?)host.Scope.Resolve(JsonValue.Create("[parameters('expiringContainerName')]"))), "the host account keeps its blobs");
        var rule = Assert.Single(data.Resolve("properties.policy.rules")!.AsArray())!;
        Assert.Equal("[format('{0}/', parameters('expiringContainerName'))]", (string?)rule["definition"]!["filters"]!["prefixMatch"]![0]);
        Assert.Equal(15, (int?)rule["definition"]!["actions"]!["baseBlob"]!["delete"]!["daysAfterModificationGreaterThan"]);
        // Longer than the subscriptions' 14-day message TTL, so no live message points at a deleted blob.
        Assert.Equal(15, (int?)compiled.Template["parameters"]!["claimCheckRetentionDays"]!["minValue"]);
    }

    [Fact]
    public void DataTables_IncludeTheExportRunCheckpoints()
    {
        var tables = compiled.OfType("Microsoft.Storage/storageAccounts/tableServices/tables").Single(t => t.Scope.ModuleName == "data-storage");
        var names = tables.Scope.Resolve(JsonValue.Create("[parameters('tableNames')]"))!.AsArray().Select(n => (string)n!).ToList();

        Assert.Equal(["EmpreinteExportRuns", "EmpreinteImports", "EmpreinteLines", "EmpreinteMonthly", "EmpreinteRecommendations", "EmpreinteSeenSignatures", "EmpreinteUnmapped"], names.Order());
    }
}
