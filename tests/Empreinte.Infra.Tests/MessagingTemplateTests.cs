using System.Text.Json.Nodes;

namespace Empreinte.Infra.Tests;

[Collection(CompiledTemplateGroup.Name)]
public sealed class MessagingTemplateTests(CompiledTemplateFixture compiled)
{
    private const string _subscriptionType = "Microsoft.ServiceBus/namespaces/topics/subscriptions";

    [Fact]
    public void Subscriptions_DeadLetterAfterMaxDeliveries()
    {
        var calculators = SubscriptionsOf("usage-batches");

        Assert.Equal(["energy", "materials", "water"], calculators.Names.Order());
        AssertDeadLettersAfterTenDeliveries(calculators.Resource);
    }

    [Fact]
    public void ImportEvents_HaveTrackerSubscriptionThatDeadLetters()
    {
        var tracker = SubscriptionsOf("import-events");

        Assert.Equal(["tracker"], tracker.Names);
        AssertDeadLettersAfterTenDeliveries(tracker.Resource);
    }

    [Fact]
    public void ServiceBusNamespace_IsStandardAndRefusesSharedAccessKeys()
    {
        var ns = compiled.Single("Microsoft.ServiceBus/namespaces");

        Assert.Equal("Standard", (string?)ns.Resolve("sku.name"));
        Assert.True((bool?)ns.Resolve("properties.disableLocalAuth"));
        Assert.Equal("1.2", (string?)ns.Resolve("properties.minimumTlsVersion"));
    }

    private static void AssertDeadLettersAfterTenDeliveries(TemplateResource subscription)
    {
        var properties = subscription.Resolve("properties")!;
        Assert.Equal(10, (int?)properties["maxDeliveryCount"]);
        Assert.True((bool?)properties["deadLetteringOnMessageExpiration"]);
        Assert.Equal("PT1M", (string?)properties["lockDuration"]);
    }

    /// <summary>
    /// The subscription resource(s) under a topic, with their names. A loop over a name list is
    /// expanded through the module parameter that feeds it.
    /// </summary>
    private (TemplateResource Resource, List<string> Names) SubscriptionsOf(string topic)
    {
        foreach (var subscription in compiled.OfType(_subscriptionType))
        {
            var name = (string)subscription.Json["name"]!;
            // format('{0}/{1}/{2}', parameters('name'), parameters('<topic param>'), <subscription name expr>)
            var topicParameter = Argument(name, 2);
            if ((string?)subscription.Scope.Resolve(JsonValue.Create($"[{topicParameter}]")) != topic)
                continue;

            var names = subscription.Json["copy"] is JsonObject copy
                ? LoopItems(subscription, (string)copy["count"]!)
                : [(string)subscription.Scope.Resolve(JsonValue.Create($"[{Argument(name, 3)}]"))!];
            return (subscription, names);
        }

        throw new Xunit.Sdk.XunitException($"No subscription on topic {topic}.");
    }

    private static List<string> LoopItems(TemplateResource resource, string countExpression)
    {
        // "[length(parameters('x'))]" → the array parameter x.
        const string prefix = "[length(";
        Assert.StartsWith(prefix, countExpression, StringComparison.Ordinal);
        var arrayExpression = countExpression[prefix.Length..^2];
        var items = resource.Scope.Resolve(JsonValue.Create($"[{arrayExpression}]"));
        return Assert.IsType<JsonArray>(items).Select(i => (string)i!).ToList();
    }

    private static string Argument(string formatExpression, int index)
    {
        var inner = formatExpression["[format(".Length..^2];
        var arguments = SplitTopLevel(inner);
        return arguments[index].Trim();
    }

    private static List<string> SplitTopLevel(string text)
    {
        var parts = new List<string>();
        var depth = 0;
        var inString = false;
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\'')
                inString = !inString;
            else if (!inString && c is '(' or '[')
                depth++;
            else if (!inString && c is ')' or ']')
                depth--;
            else if (!inString && depth == 0 && c == ',')
            {
                parts.Add(text[start..i]);
                start = i + 1;
            }
        }

        parts.Add(text[start..]);
        return parts;
    }
}
