using System.Text.Json.Nodes;

namespace Empreinte.Infra.Tests;

[Collection(CompiledTemplateGroup.Name)]
public sealed class BicepCompilationTests(CompiledTemplateFixture compiled)
{
    [Fact]
    public void MainBicep_BuildsWithoutErrors()
    {
        Assert.Equal(0, compiled.Build.ExitCode);
        Assert.Empty(compiled.Build.Errors);
        Assert.Equal(
            "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
            (string?)compiled.Template["$schema"]);
    }

    [Fact]
    public void MainBicep_LintReportsNoErrorsOrWarnings()
    {
        var lint = BicepCli.Run(null, "lint", Path.Combine(RepoPaths.Infra, "main.bicep"));

        Assert.True(lint.ExitCode == 0, lint.Describe());
        Assert.True(lint.Errors.Count == 0, lint.Describe());
        Assert.True(lint.Warnings.Count == 0, lint.Describe());
    }

    [Fact]
    public void ParametersFile_BuildsAgainstMainBicep()
    {
        // The parameters file reads the signing secret from the environment; any 32 characters do here.
        var environment = new Dictionary<string, string> { ["EMPREINTE_SIGNING_SECRET"] = new string('x', 32) };

        var run = BicepCli.Run(environment, "build-params", Path.Combine(RepoPaths.Infra, "main.bicepparam"), "--stdout");

        Assert.True(run.ExitCode == 0, run.Describe());
        Assert.Empty(run.Errors);
        var parametersJson = (string?)JsonNode.Parse(run.StdOut)?["parametersJson"];
        Assert.NotNull(parametersJson);
        var parameters = JsonNode.Parse(parametersJson)!["parameters"]!;
        Assert.Equal("P1v3", (string?)parameters["planSku"]?["value"]);
        Assert.Equal(10, (int?)parameters["maxDeliveryCount"]?["value"]);
        Assert.True((bool?)parameters["deployEventGrid"]?["value"]);
    }

    [Fact]
    public void ParametersFile_WithShortSigningSecret_FailsInsteadOfDeployingAWeakSecret()
    {
        var environment = new Dictionary<string, string> { ["EMPREINTE_SIGNING_SECRET"] = "" };

        var run = BicepCli.Run(environment, "build-params", Path.Combine(RepoPaths.Infra, "main.bicepparam"), "--stdout");

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains(run.Errors, error => error.Contains("minimum allowable length is 32", StringComparison.Ordinal));
    }
}
