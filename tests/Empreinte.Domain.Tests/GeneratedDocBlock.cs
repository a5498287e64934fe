using Empreinte.TestSupport;

namespace Empreinte.Domain.Tests;

/// <summary>
/// A block of a doc between <c>&lt;!-- generated:NAME --&gt;</c> and <c>&lt;!-- /generated:NAME --&gt;</c> that a
/// test computes from the code: the committed text must equal it, or, with <see cref="RegenerateVariable"/>=1,
/// the test rewrites it instead (then commit the doc).
/// </summary>
internal static class GeneratedDocBlock
{
    public const string RegenerateVariable = "EMPREINTE_REGENERATE_DOCS";

    public static void AssertCurrent(string docRelativePath, string name, string expected)
    {
        var path = Path.Combine(RepositoryPaths.Root, docRelativePath);
        var open = $"<!-- generated:{name} -->";
        var close = $"<!-- /generated:{name} -->";
        var text = File.ReadAllText(path).ReplaceLineEndings("\n");
        var begin = text.IndexOf(open, StringComparison.Ordinal);
        var end = text.IndexOf(close, StringComparison.Ordinal);
        Assert.True(begin >= 0 && end > begin, $"{path} has no {open} … {close} block.");

        var committed = text[(begin + open.Length)..end];
        if (committed != expected && Environment.GetEnvironmentVariable(RegenerateVariable) == "1")
        {
            File.WriteAllText(path, text[..(begin + open.Length)] + expected + text[end..]);
            return;
        }

        Assert.True(committed == expected,
            $"The '{name}' table of {docRelativePath} differs from what the code gives: run the Domain tests with {RegenerateVariable}=1 and commit the doc.\nExpected:\n{expected}");
    }
}
