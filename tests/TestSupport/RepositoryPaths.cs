namespace Empreinte.TestSupport;

/// <summary>
/// Locates the repository and the read-only <c>../shared</c> folder beside it. The sample exports
/// live there and are never copied into the repository; a test that needs one fails with a clear
/// message when the folder is absent.
/// </summary>
internal static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string Sample(string relativePath) => Path.Combine(Root, "samples", relativePath);

    /// <summary>A file under <c>../shared/samples</c>; throws a clear message when the folder is missing.</summary>
    public static string SharedSample(string relativePath)
    {
        var folder = Path.GetFullPath(Path.Combine(Root, "..", "shared", "samples"));
        if (!Directory.Exists(folder))
            throw new InvalidOperationException(
                $"The shared sample exports are not present at {folder}: this test reads real exports from ../shared/samples beside the checkout " +
                $"(present for every engineer and in CI{(Environment.GetEnvironmentVariable("CI") == "true" ? "; CI=true, so this is a failure" : "")}).");
        var path = Path.Combine(folder, relativePath);
        if (!File.Exists(path)) throw new FileNotFoundException($"Shared sample {relativePath} not found under {folder}.", path);
        return path;
    }

    /// <summary>
    /// Writes a test's one-line summary to <c>TestResults/summaries/NAME.txt</c>, which the test command prints
    /// at its end (the test runner shows a passing test's output only at detailed verbosity).
    /// </summary>
    public static void WriteSummary(string name, string line)
    {
        var folder = Path.Combine(Root, "TestResults", "summaries");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, name + ".txt"), line + Environment.NewLine);
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Empreinte.sln"))) return dir.FullName;
        throw new InvalidOperationException($"No Empreinte.sln above {AppContext.BaseDirectory}.");
    }
}
