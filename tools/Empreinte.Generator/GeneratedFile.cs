namespace Empreinte.Generator;

/// <summary>Writes a generated export and its ground truth side by side.</summary>
internal static class GeneratedFile
{
    /// <summary>The ground-truth path for an export path: <c>x.csv</c> → <c>x.truth.json</c>.</summary>
    public static string TruthPath(string csvPath) => Path.ChangeExtension(csvPath, null) + ".truth.json";

    /// <summary>Writes <paramref name="csvPath"/> and its ground truth; returns the ground-truth path.</summary>
    public static string Write(string csvPath, long rows, int seed, string shape = "focus")
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(csvPath));
        if (directory is not null) Directory.CreateDirectory(directory);
        GroundTruth truth;
        using (var writer = FocusGenerator.Create(csvPath))
        {
            truth = shape == "azure-ea" ? new AzureEaGenerator(seed).Write(writer, rows) : new FocusGenerator(seed).Write(writer, rows);
        }
        var truthPath = TruthPath(csvPath);
        File.WriteAllText(truthPath, truth.ToJson());
        return truthPath;
    }
}
