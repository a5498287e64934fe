using System.Globalization;

namespace Empreinte.Cli;

/// <summary>
/// The folder <c>serve</c> imports from: exports waiting in it, <c>done/</c> with their import
/// reports, <c>failed/</c> with their reasons. Every move is decided here, so that no file is ever
/// lost or imported forever: a file that fails for any reason goes to <c>failed/</c>, and one
/// during whose import the host died <see cref="MaxAttempts"/> times (a reader crash that no
/// exception handler sees) is moved there before it is tried again.
/// </summary>
internal sealed class Inbox
{
    /// <summary>Imports begun without ending (the host killed or crashed meanwhile) before a file is given up: a kill or two is an accident, three is the file.</summary>
    public const int MaxAttempts = 3;

    /// <summary>A file is picked up once it has not been written to for this long (still being copied otherwise).</summary>
    private static readonly TimeSpan _settled = TimeSpan.FromSeconds(2);

    private readonly string _attempts;

    public Inbox(string directory)
    {
        Directory = System.IO.Directory.CreateDirectory(directory).FullName;
        _attempts = Path.Combine(Directory, ".attempts");
    }

    public string Directory { get; }

    public string Done => Path.Combine(Directory, "done");

    public string Failed => Path.Combine(Directory, "failed");

    /// <summary>
    /// Files written aside by a host or upload that died before renaming them: never complete,
    /// never picked up, so removed at start (an upload's client saw no 202 for it).
    /// </summary>
    public int RemovePartials()
    {
        var removed = 0;
        foreach (var folder in new[] { Directory, Done, Failed })
        {
            if (!System.IO.Directory.Exists(folder)) continue;
            foreach (var partial in System.IO.Directory.EnumerateFiles(folder, "*.partial"))
            {
                File.Delete(partial);
                removed++;
            }
        }

        return removed;
    }

    public List<string> Ready() => System.IO.Directory.EnumerateFiles(Directory)
        .Where(p => p.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) || p.EndsWith(".csv.gz", StringComparison.OrdinalIgnoreCase))
        .Where(p => !Path.GetFileName(p).StartsWith('.'))
        .Where(p => DateTime.UtcNow - File.GetLastWriteTimeUtc(p) > _settled)
        .Order(StringComparer.Ordinal)
        .ToList();

    /// <summary>Counts one more attempt at importing <paramref name="name"/>; false when it has had its <see cref="MaxAttempts"/> already.</summary>
    public bool BeginAttempt(string name, out int previous)
    {
        System.IO.Directory.CreateDirectory(_attempts);
        var marker = Path.Combine(_attempts, name);
        previous = File.Exists(marker) && int.TryParse(File.ReadAllText(marker), NumberStyles.None, CultureInfo.InvariantCulture, out var count) ? count : 0;
        if (previous >= MaxAttempts) return false;
        File.WriteAllText(marker, (previous + 1).ToString(CultureInfo.InvariantCulture));
        return true;
    }

    /// <summary>The report is in place before the export leaves the folder, so a host killed in between imports it again (harmless) rather than leaving it moved without a report.</summary>
    public async Task MoveToDoneAsync(string name, string reportJson, CancellationToken cancellationToken)
    {
        var done = System.IO.Directory.CreateDirectory(Done).FullName;
        await WriteWholeAsync(Path.Combine(done, name + ".import.json"), reportJson, cancellationToken);
        File.Move(Path.Combine(Directory, name), Path.Combine(done, name), overwrite: true);
        ForgetAttempts(name);
    }

    public async Task MoveToFailedAsync(string name, string reason, CancellationToken cancellationToken)
    {
        var failed = System.IO.Directory.CreateDirectory(Failed).FullName;
        await WriteWholeAsync(Path.Combine(failed, name + ".error.txt"), reason, cancellationToken);
        File.Move(Path.Combine(Directory, name), Path.Combine(failed, name), overwrite: true);
        ForgetAttempts(name);
    }

    /// <summary>The attempt did not count against the file (the broker was unreachable).</summary>
    public void ForgetAttempts(string name) => File.Delete(Path.Combine(_attempts, name));

    /// <summary>
    /// Written aside, then renamed: <c>GET /imports/{name}</c> and scripts polling <c>done/</c> read
    /// these files as soon as they appear, and must never see half of one.
    /// </summary>
    private static async Task WriteWholeAsync(string path, string text, CancellationToken cancellationToken)
    {
        var partial = path + ".partial";
        await File.WriteAllTextAsync(partial, text, cancellationToken);
        File.Move(partial, path, overwrite: true);
    }
}
