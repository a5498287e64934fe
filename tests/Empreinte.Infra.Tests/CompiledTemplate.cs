using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Empreinte.Infra.Tests;

/// <summary>A resource of the compiled ARM template and the (nested) template that declares it.</summary>
internal sealed record TemplateResource(JsonObject Json, TemplateScope Scope)
{
    public string Type => (string?)Json["type"] ?? "";

    public JsonNode? Resolve(string path) => Scope.Resolve(Select(Json, path));

    private static JsonNode? Select(JsonNode? node, string path)
    {
        foreach (var part in path.Split('.'))
            node = node?[part];
        return node;
    }
}

/// <summary>
/// One template in the module tree: main.bicep at the root, each module as a nested deployment.
/// Resolves plain parameter and variable references through the module chain down to main.bicep
/// defaults, so that assertions are about the values a default deployment would use.
/// </summary>
internal sealed class TemplateScope
{
    private static readonly Regex _reference = new(@"^\[(?<kind>parameters|variables)\('(?<name>[^']+)'\)(?<path>(\.\w+)*)\]$");

    private TemplateScope(JsonObject template, JsonObject? deployment, TemplateScope? parent)
    {
        Template = template;
        Deployment = deployment;
        Parent = parent;
    }

    public JsonObject Template { get; }

    /// <summary>The Microsoft.Resources/deployments resource that holds this template (null at the root).</summary>
    public JsonObject? Deployment { get; }

    public TemplateScope? Parent { get; }

    /// <summary>Name of the module deployment ("service-bus", ...), empty at the root.</summary>
    public string ModuleName => (string?)Deployment?["name"] ?? "";

    public static TemplateScope Root(JsonObject template) => new(template, null, null);

    /// <summary>Every resource, depth first through module deployments.</summary>
    public IEnumerable<TemplateResource> AllResources()
    {
        foreach (var resource in Resources(Template))
        {
            yield return new TemplateResource(resource, this);
            if ((string?)resource["type"] == "Microsoft.Resources/deployments"
                && resource["properties"]?["template"] is JsonObject nested)
            {
                foreach (var inner in new TemplateScope(nested, resource, this).AllResources())
                    yield return inner;
            }
        }
    }

    /// <summary>Replaces whole-value parameter/variable references, recursively, by what they point to.</summary>
    public JsonNode? Resolve(JsonNode? node) => node switch
    {
        JsonValue value when value.TryGetValue<string>(out var text) && _reference.Match(text) is { Success: true } m =>
            ResolveReference(m),
        JsonObject obj => new JsonObject(obj.Select(p => KeyValuePair.Create(p.Key, Resolve(p.Value)))),
        JsonArray array => new JsonArray(array.Select(Resolve).ToArray()),
        _ => node?.DeepClone(),
    };

    private JsonNode? ResolveReference(Match match)
    {
        var name = match.Groups["name"].Value;
        JsonNode? target;
        TemplateScope owner;
        if (match.Groups["kind"].Value == "variables")
        {
            target = Template["variables"]?[name];
            owner = this;
        }
        else if (Deployment is not null)
        {
            // A module parameter is whatever the parent passed, itself written in the parent's terms.
            target = Deployment["properties"]?["parameters"]?[name]?["value"];
            owner = Parent!;
        }
        else
        {
            target = Template["parameters"]?[name]?["defaultValue"];
            owner = this;
        }

        var resolved = owner.Resolve(target);
        foreach (var part in match.Groups["path"].Value.Split('.', StringSplitOptions.RemoveEmptyEntries))
            resolved = owner.Resolve(resolved?[part]);
        return resolved;
    }

    private static IEnumerable<JsonObject> Resources(JsonObject template) => template["resources"] switch
    {
        JsonArray array => array.OfType<JsonObject>(),
        // languageVersion 2.0 templates key resources by symbolic name.
        JsonObject symbolic => symbolic.Select(p => p.Value).OfType<JsonObject>(),
        _ => [],
    };
}

/// <summary>Compiles infra/main.bicep once per test run and exposes the ARM JSON.</summary>
public sealed class CompiledTemplateFixture : IDisposable
{
    private readonly string _outputDirectory =
        Directory.CreateTempSubdirectory("empreinte-infra-").FullName;

    public CompiledTemplateFixture()
    {
        var outFile = Path.Combine(_outputDirectory, "main.json");
        Build = BicepCli.Run(null, "build", Path.Combine(RepoPaths.Infra, "main.bicep"), "--outfile", outFile);
        if (Build.ExitCode != 0)
            throw new InvalidOperationException("bicep build failed: " + Build.Describe());

        Text = File.ReadAllText(outFile);
        Template = JsonNode.Parse(Text)!.AsObject();
        Root = TemplateScope.Root(Template);
    }

    internal BicepRun Build { get; }

    /// <summary>The compiled template as text, for checks that must hold anywhere in it.</summary>
    public string Text { get; }

    public JsonObject Template { get; }

    internal TemplateScope Root { get; }

    internal IEnumerable<TemplateResource> OfType(string type) =>
        Root.AllResources().Where(r => string.Equals(r.Type, type, StringComparison.OrdinalIgnoreCase));

    internal TemplateResource Single(string type) => Assert.Single(OfType(type));

    public void Dispose() => Directory.Delete(_outputDirectory, recursive: true);
}

[CollectionDefinition(Name)]
public sealed class CompiledTemplateGroup : ICollectionFixture<CompiledTemplateFixture>
{
    public const string Name = "compiled main.bicep";
}
