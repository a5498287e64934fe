using System.Text.Json.Nodes;

namespace Empreinte.Infra.Tests;

[Collection(CompiledTemplateGroup.Name)]
public sealed class HostingTemplateTests(CompiledTemplateFixture compiled)
{
    [Fact]
    public void HostingPlan_IsDedicatedLinuxNeverConsumption()
    {
        var plan = compiled.Single("Microsoft.Web/serverfarms");

        var sku = (string?)plan.Resolve("sku.name");
        Assert.Equal("P1v3", sku);
        Assert.True((bool?)plan.Resolve("properties.reserved"));

        // No allowed value of the SKU parameter is a scale-to-zero or elastic plan.
        var allowed = compiled.Template["parameters"]!["planSku"]!["allowedValues"]!.AsArray().Select(v => (string)v!).ToList();
        Assert.NotEmpty(allowed);
        Assert.DoesNotContain(allowed, s => s == "Y1" || s.StartsWith("EP", StringComparison.Ordinal) || s.StartsWith("FC", StringComparison.Ordinal));
    }

    [Fact]
    public void FunctionApp_IsAlwaysOnIsolatedWorkerOnDotnet10()
    {
        var site = compiled.Single("Microsoft.Web/sites");
        var siteConfig = site.Resolve("properties.siteConfig")!;
        var settings = AppSettings(site);

        Assert.Equal("functionapp,linux", (string?)site.Resolve("kind"));
        Assert.True((bool?)siteConfig["alwaysOn"]);
        Assert.Equal("DOTNET-ISOLATED|10.0", (string?)siteConfig["linuxFxVersion"]);
        Assert.True((bool?)site.Resolve("properties.httpsOnly"));
        Assert.Equal("dotnet-isolated", settings["FUNCTIONS_WORKER_RUNTIME"]);
        Assert.Equal("~4", settings["FUNCTIONS_EXTENSION_VERSION"]);
        Assert.Equal("UserAssigned", (string?)site.Resolve("identity.type"));
    }

    [Fact]
    public void FunctionApp_HasTheSettingsTheWorkerReads()
    {
        var settings = AppSettings(compiled.Single("Microsoft.Web/sites"));

        Assert.Equal("usage-batches", settings["Empreinte__TopicName"]);
        Assert.Equal("import-events", settings["Empreinte__ImportEventsTopicName"]);
        Assert.Equal("exports", settings["Empreinte__ExportsContainer"]);
        Assert.Equal("claimcheck", settings["Empreinte__ClaimCheckContainer"]);
        Assert.Equal("uploads", settings["Empreinte__UploadsContainer"]);
        foreach (var name in new[] { "ServiceBus__fullyQualifiedNamespace", "Tables__serviceUri", "Blobs__serviceUri", "AZURE_CLIENT_ID", "APPLICATIONINSIGHTS_CONNECTION_STRING" })
            Assert.False(string.IsNullOrEmpty(settings.GetValueOrDefault(name)), $"{name} is missing.");
        // The secret is a Key Vault reference built from the secret resource, never a literal.
        var signingSecret = settings["Empreinte__SigningSecret"];
        Assert.StartsWith("[format('@Microsoft.KeyVault(SecretUri={0})'", signingSecret, StringComparison.Ordinal);
        Assert.Contains("Microsoft.KeyVault/vaults/secrets", signingSecret, StringComparison.Ordinal);
    }

    [Fact]
    public void Autoscale_ScalesOutOnUsageTopicBacklogAndBackIn()
    {
        var autoscale = compiled.Single("Microsoft.Insights/autoscalesettings");
        var profile = Assert.Single(autoscale.Resolve("properties.profiles")!.AsArray())!;
        var rules = profile["rules"]!.AsArray().Select(r => r!).ToList();

        Assert.Contains("Microsoft.Web/serverfarms", (string?)autoscale.Resolve("properties.targetResourceUri"), StringComparison.Ordinal);
        Assert.Equal("[string(parameters('minimumInstanceCount'))]", (string?)profile["capacity"]!["minimum"]);
        Assert.Equal(1, (int?)autoscale.Scope.Resolve(JsonValue.Create("[parameters('minimumInstanceCount')]")));

        var scaleOut = Assert.Single(rules, r => (string?)r["scaleAction"]!["direction"] == "Increase");
        var scaleIn = Assert.Single(rules, r => (string?)r["scaleAction"]!["direction"] == "Decrease");
        foreach (var (rule, comparison, threshold) in new[] { (scaleOut, "GreaterThan", 1000), (scaleIn, "LessThan", 100) })
        {
            var trigger = rule["metricTrigger"]!;
            Assert.Equal("ActiveMessages", (string?)trigger["metricName"]);
            Assert.Equal("Microsoft.ServiceBus/namespaces", (string?)trigger["metricNamespace"]);
            Assert.Equal(comparison, (string?)trigger["operator"]);
            Assert.Equal(threshold, (int?)trigger["threshold"]);
            var dimension = Assert.Single(trigger["dimensions"]!.AsArray())!;
            Assert.Equal("EntityName", (string?)dimension["DimensionName"]);
            Assert.Equal(["usage-batches"], dimension["Values"]!.AsArray().Select(v => (string?)v));
        }
    }

    [Fact]
    public void EventGrid_DeliversExportBlobsToImportsWebhookOnlyWhenEnabled()
    {
        var subscription = compiled.Single("Microsoft.EventGrid/systemTopics/eventSubscriptions");
        var filter = subscription.Resolve("properties.filter")!;
        var destination = subscription.Resolve("properties.destination")!;

        Assert.Equal("[parameters('deploySubscription')]", (string?)subscription.Json["condition"]);
        Assert.True((bool?)subscription.Scope.Resolve(JsonValue.Create("[parameters('deploySubscription')]")));
        Assert.True((bool?)compiled.Template["parameters"]!["deployEventGrid"]!["defaultValue"]);
        Assert.Equal(["Microsoft.Storage.BlobCreated"], filter["includedEventTypes"]!.AsArray().Select(v => (string?)v));
        Assert.Contains("/blobServices/default/containers/{0}/", (string?)filter["subjectBeginsWith"], StringComparison.Ordinal);
        Assert.Equal("exports", (string?)subscription.Scope.Resolve(JsonValue.Create("[parameters('exportsContainerName')]")));
        Assert.Equal("WebHook", (string?)destination["endpointType"]);
        var url = (string?)destination["properties"]!["endpointUrl"];
        Assert.Contains("https://{0}/api/{1}?code={2}", url, StringComparison.Ordinal);
        Assert.Contains("/host/default", url, StringComparison.Ordinal);
        Assert.Equal("imports", (string?)subscription.Scope.Resolve(JsonValue.Create("[parameters('webhookRoute')]")));
    }

    internal static Dictionary<string, string?> AppSettings(TemplateResource site) =>
        site.Resolve("properties.siteConfig.appSettings")!.AsArray()
            .ToDictionary(s => (string)s!["name"]!, s => s!["value"]?.ToString());
}
