using Empreinte.Domain.Usage;

namespace Empreinte.Domain.Classification;

/// <summary>
/// One rule set of the classifier (a provider's meters, or a cross-cutting kind such as storage or network).
/// <see cref="UsageClassifier"/> asks its rule sets in a fixed order; the first decision wins.
/// </summary>
internal interface IClassificationRule
{
    /// <summary>
    /// What this rule set decides about a usage record, or null when it does not apply and the next one decides.
    /// <paramref name="text"/> is the record's service, meter category and subcategory, meter and description,
    /// joined once per record for every rule to search.
    /// </summary>
    Decision? TryClassify(UsageRecord record, string text);
}
