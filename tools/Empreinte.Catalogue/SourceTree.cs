using System.Diagnostics;

namespace Empreinte.Catalogue;

/// <summary>
/// A source repository: a checked-out directory, or a bare git directory read with <c>git show</c>. The commit it
/// was read at goes into every row it contributes, so the catalogue names the exact version of each source.
/// </summary>
internal sealed class SourceTree
{
    private readonly string _path;
    private readonly bool _bare;

    public SourceTree(string name, string path)
    {
        Name = name;
        _path = Path.GetFullPath(path);
        _bare = !Directory.Exists(Path.Combine(_path, ".git")) && File.Exists(Path.Combine(_path, "HEAD"));
        Commit = Git("rev-parse", "HEAD").Trim();
        Date = Git("log", "-1", "--format=%cs", "HEAD").Trim();
    }

    public string Name { get; }
    public string Commit { get; }

    /// <summary>Commit date, yyyy-MM-dd.</summary>
    public string Date { get; }

    public string ShortCommit => Commit[..Math.Min(12, Commit.Length)];

    public string Read(string path) => _bare ? Git("show", $"HEAD:{path}") : File.ReadAllText(Path.Combine(_path, path));

    private string Git(params string[] args)
    {
        var start = new ProcessStartInfo("git") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(_bare ? "--git-dir" : "-C");
        start.ArgumentList.Add(_path);
        foreach (var arg in args) start.ArgumentList.Add(arg);
        using var git = Process.Start(start) ?? throw new InvalidOperationException("git could not be started");
        var output = git.StandardOutput.ReadToEnd();
        var error = git.StandardError.ReadToEnd();
        git.WaitForExit();
        return git.ExitCode == 0 ? output : throw new InvalidOperationException($"{Name} ({_path}): git {string.Join(' ', args)} failed: {error.Trim()}");
    }
}
