namespace Empreinte.Application.Reporting;

/// <summary>The report's words in English and French; a missing key is a programming error, caught by the tests.</summary>
public sealed class ReportText
{
    private static readonly Dictionary<string, (string En, string Fr)> s_words = new(StringComparer.Ordinal)
    {
        ["title"] = ("Cloud and AI footprint", "Empreinte du cloud et de l'IA"),
        ["generatedFrom"] = ("Estimated from", "Estimée à partir de"),
        ["rows"] = ("rows", "lignes"),
        ["headline"] = ("Totals", "Totaux"),
        ["energy"] = ("Energy", "Énergie"),
        ["carbonLocation"] = ("Carbon, location-based", "Carbone, méthode localisée"),
        ["carbonMarket"] = ("Carbon, market-based", "Carbone, méthode marché"),
        ["embodied"] = ("Embodied carbon (hardware)", "Carbone intrinsèque (matériel)"),
        ["water"] = ("Water consumed", "Eau consommée"),
        ["adp"] = ("Abiotic depletion (metals and minerals)", "Épuisement des ressources abiotiques (métaux et minéraux)"),
        ["ewaste"] = ("E-waste", "Déchets électroniques"),
        ["range"] = ("range", "fourchette"),
        ["equivalents"] = ("Everyday equivalents (central values)", "Équivalents du quotidien (valeurs centrales)"),
        ["carKm"] = ("km driven in an average petrol or diesel car", "km parcourus en voiture thermique moyenne"),
        ["showers"] = ("5-minute showers", "douches de 5 minutes"),
        ["source"] = ("Source", "Source"),
        ["byMonth"] = ("By month", "Par mois"),
        ["byProvider"] = ("By provider", "Par fournisseur"),
        ["byService"] = ("By service", "Par service"),
        ["byRegion"] = ("By region", "Par région"),
        ["bySubAccount"] = ("By sub-account", "Par sous-compte"),
        ["carbonAxis"] = ("kgCO2e (location-based + embodied, central)", "kgCO2e (localisé + intrinsèque, central)"),
        ["waterAxis"] = ("litres (central)", "litres (central)"),
        ["topResources"] = ("Top resources", "Ressources principales"),
        ["resource"] = ("Resource", "Ressource"),
        ["cost"] = ("Cost", "Coût"),
        ["lines"] = ("Lines", "Lignes"),
        ["ai"] = ("AI usage", "Usage de l'IA"),
        ["model"] = ("Model", "Modèle"),
        ["tokens"] = ("Tokens", "Jetons"),
        ["noAi"] = ("No AI token usage in these exports.", "Aucun usage de jetons d'IA dans ces exports."),
        ["coverage"] = ("Coverage: what is measured", "Couverture : ce qui est mesuré"),
        ["mappedCostShare"] = ("Share of usage cost with a footprint", "Part du coût d'usage dotée d'une empreinte"),
        ["physicalCostShare"] = ("Share of usage cost with a physical model", "Part du coût d'usage avec un modèle physique"),
        ["mappedRowShare"] = ("Share of usage lines mapped", "Part des lignes d'usage modélisées"),
        ["lowCoverage"] = ("Most of this usage could not be mapped: the totals below cover only part of it. Map these first:", "La plus grande partie de cet usage n'a pas pu être modélisée : les totaux ci-dessous n'en couvrent qu'une partie. À modéliser d'abord :"),
        ["unmapped"] = ("What is unmapped (what to map next)", "Ce qui n'est pas modélisé (à modéliser ensuite)"),
        ["nothingUnmapped"] = ("Every usage line was mapped.", "Toutes les lignes d'usage ont été modélisées."),
        ["provider"] = ("Provider", "Fournisseur"),
        ["service"] = ("Service", "Service"),
        ["meter"] = ("Meter", "Compteur"),
        ["unit"] = ("Unit", "Unité"),
        ["reason"] = ("Reason", "Raison"),
        ["recommendations"] = ("Recommendations", "Recommandations"),
        ["noRecommendations"] = ("Nothing to recommend: no change found that lowers total carbon for this usage.", "Rien à recommander : aucun changement trouvé qui réduise le carbone total de cet usage."),
        ["kind"] = ("Kind", "Type"),
        ["scope"] = ("Scope", "Périmètre"),
        ["change"] = ("Change", "Changement"),
        ["savings"] = ("Savings (central, low–high)", "Économies (central, bas–haut)"),
        ["tradeOffs"] = ("Trade-offs", "Contreparties"),
        ["confidence"] = ("Confidence", "Confiance"),
        ["heuristic"] = ("heuristic", "heuristique"),
        ["methodology"] = ("Methodology", "Méthodologie"),
        ["methodologyText"] = (
            "Each usage line is classified, then estimated by one calculator per criterion: energy (IT energy × PUE) and operational carbon (× grid intensity of the region), water (on-site WUE and off-site electricity water intensity), materials (embodied carbon, abiotic depletion and e-waste of the hardware share used). Every value is a low / central / high range. Recommendations re-estimate the affected lines under the change with the same calculators. Formulas, factors, sources and licences: docs/methodology.md.",
            "Chaque ligne d'usage est classée puis estimée par un calculateur par critère : énergie (énergie IT × PUE) et carbone opérationnel (× intensité carbone du réseau de la région), eau (WUE sur site et intensité en eau de l'électricité), matériaux (carbone intrinsèque, épuisement abiotique et déchets électroniques de la part de matériel utilisée). Chaque valeur est une fourchette bas / central / haut. Les recommandations ré-estiment les lignes concernées après le changement avec les mêmes calculateurs. Formules, facteurs, sources et licences : docs/methodology.md."),
        ["factorSet"] = ("Factor set", "Jeu de facteurs"),
        ["methodologyVersion"] = ("Methodology version", "Version de la méthodologie"),
        ["profile"] = ("Profile", "Profil"),
        ["assumptions"] = ("Assumptions that weigh most (share of carbon on lines that use a default)", "Hypothèses les plus lourdes (part du carbone des lignes qui utilisent une valeur par défaut)"),
        ["flag"] = ("Assumption", "Hypothèse"),
        ["carbonShare"] = ("Share of carbon", "Part du carbone"),
        ["noAssumptions"] = ("No default was used.", "Aucune valeur par défaut n'a été utilisée."),
        ["chartsLibrary"] = ("Charts: Chart.js 4.6.1 (MIT), embedded.", "Graphiques : Chart.js 4.6.1 (MIT), intégré."),
    };

    private readonly bool _french;

    private ReportText(bool french) => _french = french;

    public static IReadOnlyList<string> Languages { get; } = ["en", "fr"];

    public static IReadOnlyCollection<string> Keys => s_words.Keys;

    public static ReportText For(string language) => language switch
    {
        "en" => new ReportText(false),
        "fr" => new ReportText(true),
        _ => throw new ArgumentException($"report language must be 'en' or 'fr', not '{language}'.", nameof(language)),
    };

    public string Language => _french ? "fr" : "en";

    public string this[string key] => s_words.TryGetValue(key, out var words)
        ? (_french ? words.Fr : words.En)
        : throw new KeyNotFoundException($"report text '{key}'");
}
