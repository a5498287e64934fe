namespace Empreinte.Application.Tests.Support;

/// <summary>
/// The real sample exports in the read-only <c>shared/</c> folder beside the checkout (DESIGN.md:
/// tests may read them; the repository never copies them). Found by walking up to Empreinte.sln.
/// </summary>
public static class Samples
{
    public static string RepositoryRoot { get; } = FindRoot();

    public static string Focus1000 => Require(Path.Combine("focus", "focus-1.0_sample_1000_multicloud.csv"));

    public static string Require(string relative)
    {
        var path = Path.GetFullPath(Path.Combine(RepositoryRoot, "..", "shared", "samples", relative));
        if (!File.Exists(path))
            Assert.Fail($"Sample export {path} is missing: these tests read the shared/ folder beside the repository (CI lays it there).");
        return path;
    }

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            if (File.Exists(Path.Combine(directory.FullName, "Empreinte.sln"))) return directory.FullName;
        throw new InvalidOperationException($"No Empreinte.sln above {AppContext.BaseDirectory}.");
    }
}
