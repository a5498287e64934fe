using System.Text.RegularExpressions;

namespace Empreinte.Domain.Classification;

/// <summary>
/// Token meters: Azure OpenAI meter names (billing-formats.md §6.2: <c>gpt 4o 0513 Input global Tokens</c>,
/// <c>gpt-4o-0806-Batch-Inp-glbl Tokens</c>, <c>o3 Inpt DZone 1M Tokens</c>, <c>5 mini pp cd Inp Dz</c>), AWS
/// Bedrock usage types (§6.3: <c>USE1-Claude-input-tokens</c>, <c>EUW2-Mistral7B-output-tokens-batch</c>, and the
/// cache and tier forms of the Bedrock user guide's CUR page: <c>-cache-read-input-token-count</c>, <c>-mantle-input-tokens-flex</c>)
/// and Google Cloud SKU descriptions (Vertex AI <c>Gemini 2.5 Flash Input Text Tokens</c>, Gemini API
/// <c>Generate content output token count gemini 2.5 flash short input text</c>).
/// </summary>
public static partial class AiMeters
{
    public const string Input = "input";
    public const string Output = "output";
    public const string CachedInput = "cached-input";

    /// <summary>Deployment of capacity reserved by the hour (Azure PTU, Vertex AI provisioned throughput): billed without token counts.</summary>
    public const string Provisioned = "provisioned";

    /// <summary>Direction, deployment and model parsed from an Azure OpenAI meter; null direction when it is not a token meter.</summary>
    public static (string? Direction, string? Deployment, string Model) ParseAzure(string meter, string? subcategory)
    {
        // Some exports carry the full meter text in the subcategory (finops-toolkit, Jan 2026: "gpt 4o 0513 Input global Tokens").
        if (subcategory is not null && HasDirectionWord(subcategory))
        {
            var fromSubcategory = ParseAzureWords(subcategory, null);
            var fromMeter = ParseAzureWords(meter, null);
            return fromMeter.Direction is null ? fromSubcategory : fromMeter with { Model = fromSubcategory.Model.Length > 0 ? fromSubcategory.Model : fromMeter.Model };
        }

        return ParseAzureWords(meter, subcategory);
    }

    private static string Scoped(string? deployment, string scope) => deployment is "batch" or Provisioned ? deployment : scope;

    private static bool HasDirectionWord(string text) =>
        Words().Matches(text).Any(m => m.Value.ToLowerInvariant() is "inp" or "inpt" or "input" or "outp" or "outpt" or "output" or "out" or "opt" or "cached" or "cd");

    private static (string? Direction, string? Deployment, string Model) ParseAzureWords(string meter, string? subcategory)
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
                // Batch and provisioned meters also name their scope ("Batch-Inp-glbl"): the billing model wins.
                case "glbl" or "global" or "gl":
                    deployment = Scoped(deployment, "global"); continue;
                case "regnl" or "regional":
                    deployment = Scoped(deployment, "regional"); continue;
                case "dz" or "dzone":
                    deployment = Scoped(deployment, "data-zone"); continue;
                case "data" when i + 1 < words.Count && words[i + 1].Equals("zone", StringComparison.OrdinalIgnoreCase):
                    deployment = Scoped(deployment, "data-zone"); i++; continue;
                case "batch":
                    deployment = "batch"; continue;
                case "provisioned" or "ptu":
                    deployment = Provisioned; continue;
                case "tokens" or "token" or "1m" or "1k" or "managed" or "unit" or "units":
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

    /// <summary>
    /// Bedrock usage type → (model, direction, deployment), or null when it is not a token usage type. The usage type is
    /// <c>{REGION}-{ModelKey}-{input|output}-tokens[-tier]</c>, <c>…-mantle-input-tokens-{tier}</c>, or
    /// <c>…-cache-read-input-token-count</c> / <c>…-cache-write-input-token-count</c> (Amazon Bedrock user guide,
    /// "Understanding your Amazon Bedrock Cost and Usage Report data"); the model key (<c>Claude3.5Sonnet</c>,
    /// <c>Llama3-1-70B</c>, <c>TitanTextG1-Express</c>, <c>NovaPro</c>) is spelled out as a model name (<c>claude-3.5-sonnet</c>).
    /// </summary>
    public static (string Model, string Direction, string? Deployment)? ParseBedrock(string usageType)
    {
        var m = Bedrock().Match(usageType);
        if (!m.Success) return null;
        var direction = m.Groups["dir"].Value.ToLowerInvariant() switch
        {
            "output" => Output,
            "input" => Input,
            _ => CachedInput,
        };
        var tier = m.Groups["tier"].Success ? m.Groups["tier"].Value.ToLowerInvariant() : null;
        var deployment = tier switch
        {
            null => null,
            _ when tier.Contains("batch", StringComparison.Ordinal) => "batch",
            _ when tier.Contains("flex", StringComparison.Ordinal) => "flex",
            _ when tier.Contains("priority", StringComparison.Ordinal) => "priority",
            _ when tier.Contains("global", StringComparison.Ordinal) || tier.Contains("cross", StringComparison.Ordinal) => "cross-region",
            _ => tier,
        };
        return (ModelName(m.Groups["model"].Value), direction, deployment);
    }

    /// <summary>
    /// A Google Cloud SKU description → (model, direction, deployment), or null when it names no model family or no
    /// direction. Vertex AI: <c>Gemini 1.5 Flash Input Text Tokens</c>, <c>Gemini 2.5 Pro Thinking Text Output - Predictions</c>,
    /// <c>Claude Sonnet 4 Input Tokens</c>; Gemini API: <c>Generate content cached input token count gemini 2.5 flash long input text</c>.
    /// The first direction word wins ("output token count … short input text" is output).
    /// </summary>
    public static (string Model, string? Direction, string? Deployment)? ParseGcp(string skuDescription)
    {
        var words = Words().Matches(skuDescription).Select(m => m.Value.ToLowerInvariant()).ToList();
        var family = words.FindIndex(w => GcpFamilies().IsMatch(w));
        if (family < 0) return null;

        string? direction = null, deployment = null;
        for (var i = 0; i < words.Count; i++)
        {
            switch (words[i])
            {
                case "cached" or "cache" when direction is null:
                    direction = CachedInput; break;
                case "input" when direction is null:
                    direction = Input; break;
                case "output" when direction is null:
                    direction = Output; break;
                case "batch":
                    deployment = "batch"; break;
                case "priority":
                    deployment = "priority"; break;
                case "provisioned":
                    deployment = Provisioned; break;
            }
        }

        var model = new List<string>();
        for (var i = family; i < words.Count && model.Count < 5; i++)
        {
            if (GcpStopWords().IsMatch(words[i])) break;
            model.Add(words[i]);
        }

        return (string.Join('-', model), direction, deployment);
    }

    /// <summary>
    /// A model key written in camel case and run-together versions (<c>Claude3.5Sonnet</c>, <c>Llama3-1-70B</c>,
    /// <c>CohereCommandRPlus</c>) as a lower-case, hyphenated model name (<c>claude-3.5-sonnet</c>, <c>llama-3.1-70b</c>,
    /// <c>cohere-command-r-plus</c>), the spelling <c>llm_models.csv</c> patterns use.
    /// </summary>
    public static string ModelName(string key)
    {
        var spaced = ModelBoundary().Replace(key.Replace('_', '-'), "-");
        var name = DashedVersion().Replace(spaced.ToLowerInvariant(), "$1.$2");
        return MultipleDashes().Replace(name, "-").Trim('-');
    }

    [GeneratedRegex(@"[A-Za-z0-9.]+", RegexOptions.CultureInvariant)]
    private static partial Regex Words();

    [GeneratedRegex(@"^(?:[A-Z]{2,4}\d?-)?(?<model>.+?)-(?:mantle-)?(?<dir>input|output|cache-read-input|cache-write-input)-token(?:s|-count)(?:-(?<tier>.+))?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Bedrock();

    // Boundaries inside a model key: aB, a1, RPlus (before the last capital of a run), and 2U but not the size in 7B / 70B.
    [GeneratedRegex(@"(?<=[a-z])(?=[A-Z0-9])|(?<=[A-Z])(?=[A-Z][a-z])|(?<=[0-9])(?=[A-Z](?![BbKkMm]?(?:-|$)))", RegexOptions.CultureInvariant)]
    private static partial Regex ModelBoundary();

    // "llama-3-1-70b" → "llama-3.1-70b": a one-digit minor version after a major version.
    [GeneratedRegex(@"(?<=-|^)(\d+)-(\d)(?=-|$)", RegexOptions.CultureInvariant)]
    private static partial Regex DashedVersion();

    [GeneratedRegex(@"-{2,}", RegexOptions.CultureInvariant)]
    private static partial Regex MultipleDashes();

    [GeneratedRegex(@"^(gemini|gemma|claude|llama|mistral|mixtral|codestral|ministral|jamba|command|deepseek|qwen|palm|bison)", RegexOptions.CultureInvariant)]
    private static partial Regex GcpFamilies();

    [GeneratedRegex(@"^(input|output|cached|cache|text|tokens?|characters?|count|short|long|predictions?|batch|priority|provisioned|thinking|audio|image|video|multimodal|online|context|caching|storage|tuning|grounding|with|for|per|in|on)$", RegexOptions.CultureInvariant)]
    private static partial Regex GcpStopWords();
}
