using Empreinte.Contracts;
using Empreinte.Domain.Classification;
using Empreinte.Domain.Factors;
using Empreinte.Domain.Usage;

namespace Empreinte.Domain.Tests.Classification;

/// <summary>Usage records built in code for the rule-set tests, and the classifier they go through.</summary>
internal static class Records
{
    private static readonly UsageClassifier s_classifier = new(FactorSet.Embedded);

    /// <summary>A usage line of the provider costing 1 USD, with nothing else stated: each test adds what its rule reads.</summary>
    public static UsageRecord UsageOf(string provider) => new()
    {
        SourceFile = "rules.csv",
        SourceRow = 7,
        Provider = provider,
        ChargeCategory = "Usage",
        Cost = 1m,
        Currency = "USD",
    };

    public static UsageLine Classify(UsageRecord record) => s_classifier.Classify(record);

    /// <summary>The line's flags as one sorted text, to compare whole flag sets.</summary>
    public static string FlagsOf(UsageLine line) => string.Join(',', line.Flags.Order(StringComparer.Ordinal));

    public static string Flags(params string[] flags) => string.Join(',', flags.Order(StringComparer.Ordinal));
}
