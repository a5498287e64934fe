namespace Empreinte.Infra.Tests;

/// <summary>Locates the repository from the test output folder.</summary>
internal static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string Infra => Path.Combine(Root, "infra");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Empreinte.sln")))
                return dir.FullName;
        }

        throw new InvalidOperationException($"No Empreinte.sln above {AppContext.BaseDirectory}.");
    }
}
