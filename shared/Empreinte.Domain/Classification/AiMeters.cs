using System.Text.RegularExpressions;

namespace Empreinte.Domain.Classification;

/// <summary>
/// Token meters: Azure OpenAI meter names (billing-formats.md §6.2: <c>gpt 4o 0513 Input global Tokens</c>,
/// <c>gpt-4o-0806-Batch-Inp-glbl Tokens</c>, <c>o3 Inpt DZone 1M Tokens</c>, <c>5 mini pp cd Inp Dz</c>) and AWS
/// Bedrock usage types (§6.3: <c>USE1-Claude-input-tokens</c>, <c>EUW2-Mistral7B-output-tokens-batch</c>).
/// </summary>
public static partial class AiMeters
{
    public const string Input = "input";
    public const string Output = "output";
    public const string CachedInput = "cached-input";

    /// <summary>Direction, deployment and model parsed from an Azure OpenAI meter; null direction when it is not a token meter.</summary>
    public static (string? Direction, string? Deployment, string Model) ParseAzure(string meter, string? subcategory)
    {
        var words = Words().Matches(meter).Select(m => m.Value).ToList();
        string? direction = null, deployment = null;
        var modelWords = new List<string>();
        var seenDirection = false;
        for (var i = 0; i < words.Count; i++)
        {
            var w = words[i].ToLowerInvariant();
            switch (w)
            {
                case "cached" or "cd":
                    direction = CachedInput; seenDirection = true; continue;
                case "inp" or "inpt" or "input":
                    direction ??= Input; seenDirection = true; continue;
                case "outp" or "outpt" or "output" or "out" or "opt":
                    direction = Output; seenDirection = true; continue;
                case "glbl" or "global" or "gl":
                    deployment = "global"; continue;
                case "regnl" or "regional":
                    deployment = "regional"; continue;
                case "dz" or "dzone":
                    deployment = "data-zone"; continue;
                case "data" when i + 1 < words.Count && words[i + 1].Equals("zone", StringComparison.OrdinalIgnoreCase):
                    deployment = "data-zone"; i++; continue;
                case "batch":
                    deployment = "batch"; continue;
                case "tokens" or "token" or "1m" or "1k":
                    continue;
            }

            if (!seenDirection) modelWords.Add(words[i]);
        }

        // Retail meters drop the family for GPT versions ("5 mini pp cd Inp Dz" is GPT-5 mini); o-series names start with a letter.
        if (modelWords.Count > 0 && char.IsAsciiDigit(modelWords[0][0])) modelWords.Insert(0, "gpt");
        var model = !string.IsNullOrWhiteSpace(subcategory) && !subcategory.Contains("OpenAI", StringComparison.OrdinalIgnoreCase)
            ? subcategory.Trim()
            : string.Join('-', modelWords).ToLowerInvariant();
        return (direction, deployment, model);
    }

    /// <summary>Bedrock usage type → (model key, direction, batch), or null when it is not a token usage type.</summary>
    public static (string Model, string Direction, bool Batch)? ParseBedrock(string usageType)
    {
        var m = Bedrock().Match(usageType);
        if (!m.Success) return null;
        return (m.Groups["model"].Value, m.Groups["dir"].Value.Equals("input", StringComparison.OrdinalIgnoreCase) ? Input : Output, m.Groups["batch"].Success);
    }

    [GeneratedRegex(@"[A-Za-z0-9.]+", RegexOptions.CultureInvariant)]
    private static partial Regex Words();

    [GeneratedRegex(@"^(?:[A-Z]{2,4}\d?-)?(?<model>.+?)-(?<dir>input|output)-tokens(?<batch>-batch)?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Bedrock();
}
