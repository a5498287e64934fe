using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;

namespace Empreinte.Cli;

/// <summary>
/// The folder <c>serve</c> imports from: exports waiting in it, <c>done/</c> with their import
/// reports, <c>failed/</c> with their reasons. Every move is decided here, so that no file is ever
/// lost or imported forever: a file that fails for any reason goes to <c>failed/</c>, and one
/// during whose import the host died <see cref="MaxAttempts"/> times (a reader crash that no
/// exception handler sees) is moved there before it is tried again.
/// Each content is imported once: <c>.imported/SHA256</c> names the import that holds it (queued
/// in the folder or done), so the same bytes uploaded or dropped again are answered or set aside
/// as duplicates, across restarts. Rows are named by file name and content hash, so two different
/// exports of one name never share table keys and a re-import of the same file hits the same ones.
/// </summary>
internal sealed class Inbox
{
    /// <summary>Imports begun without ending (the host killed or crashed meanwhile) before a file is given up: a kill or two is an accident, three is the file.</summary>
    public const int MaxAttempts = 3;

    /// <summary>A file is picked up once it has not been written to for this long (still being copied otherwise).</summary>
    private static readonly TimeSpan _settled = TimeSpan.FromSeconds(2);

    private static readonly JsonSerializerOptions _json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    /// <summary>Uploads and the folder loop claim contents from different threads; one host owns one folder.</summary>
    private static readonly Lock _claims = new();

    private readonly string _attempts;
    private readonly string _imported;

    public Inbox(string directory)
    {
        Directory = System.IO.Directory.CreateDirectory(directory).FullName;
        _attempts = Path.Combine(Directory, ".attempts");
        _imported = Path.Combine(Directory, ".imported");
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
    /// <param name="doneName">From <see cref="DoneNameOf"/>; with the content's <paramref name="sha256"/> in the report, it is what later duplicates are answered with.</param>
    public async Task MoveToDoneAsync(string name, string doneName, string sha256, string reportJson, CancellationToken cancellationToken)
    {
        var done = System.IO.Directory.CreateDirectory(Done).FullName;
        await WriteWholeAsync(Path.Combine(done, doneName + ".import.json"), reportJson, cancellationToken);
        lock (_claims) Remember(sha256, doneName);
        File.Move(Path.Combine(Directory, name), Path.Combine(done, doneName), overwrite: true);
        ForgetAttempts(name);
    }

    public async Task MoveToFailedAsync(string name, string reason, CancellationToken cancellationToken)
    {
        var failed = System.IO.Directory.CreateDirectory(Failed).FullName;
        await WriteWholeAsync(Path.Combine(failed, name + ".error.txt"), reason, cancellationToken);
        File.Move(Path.Combine(Directory, name), Path.Combine(failed, name), overwrite: true);
        ForgetAttempts(name);
    }

    public static string Sha256Of(string path)
    {
        using var file = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(file));
    }

    /// <summary>What a file's rows are called (their table keys): its name and its content, so that only the same bytes under the same name share keys.</summary>
    public static string SourceNameOf(string name, string sha256) =>
        name.Contains(sha256[..16], StringComparison.Ordinal) ? name : $"{name}@{sha256[..16]}";

    /// <summary>The name an upload of this content takes: the same bytes posted again name the same import.</summary>
    public static string UploadName(string sha256, bool gzip) => $"http-{sha256[..16]}.csv{(gzip ? ".gz" : "")}";

    /// <summary>
    /// An upload written aside at <paramref name="partial"/>: queued under <paramref name="name"/>
    /// (null returned), or removed because an import of the same content is queued or done (its
    /// name and state returned).
    /// </summary>
    public (string Name, string State)? AdmitUpload(string partial, string name, string sha256)
    {
        lock (_claims)
        {
            if (ImportOf(sha256) is { } existing)
            {
                File.Delete(partial);
                return existing;
            }

            // A content that failed before may be posted again: its old reason must not answer for the new attempt.
            var failure = Path.Combine(Failed, name + ".error.txt");
            if (File.Exists(failure)) File.Delete(failure);
            File.Move(partial, Path.Combine(Directory, name), overwrite: true);
            Remember(sha256, name);
            return null;
        }
    }

    /// <summary>
    /// Claims the content of the waiting file <paramref name="name"/> for its import (null
    /// returned), or returns the other import that holds the same content (queued or done).
    /// </summary>
    public (string Name, string State)? ClaimDropped(string name, string sha256)
    {
        lock (_claims)
        {
            // The same name and done: this very file imported (a host stopped before moving it), or dropped again.
            if (ImportOf(sha256) is { } existing && (existing.Name != name || existing.State == "done")) return existing;
            Remember(sha256, name);
            return null;
        }
    }

    /// <summary>The name under which an import goes into <c>done/</c>: its own, unless an import of other content already has it there.</summary>
    public string DoneNameOf(string name, string sha256)
    {
        var report = ReportOf(name);
        return report is null || report == sha256 ? name : $"{sha256[..12]}-{name}";
    }

    /// <summary>Moves a waiting file that duplicates <paramref name="existing"/> to <c>done/</c> with a report saying so; nothing of it is imported.</summary>
    public async Task SetAsideDuplicateAsync(string name, string sha256, string existing, CancellationToken cancellationToken)
    {
        var done = System.IO.Directory.CreateDirectory(Done).FullName;
        var doneName = DoneNameOf(name, sha256);
        if (doneName == existing)
        {
            // The same bytes under the name of the import that holds them: its report stays, the copy joins it.
            File.Move(Path.Combine(Directory, name), Path.Combine(done, doneName), overwrite: true);
            ForgetAttempts(name);
            return;
        }

        var report = new { file = name, sha256, skipped = "sameContent", sameAs = existing, rowsRead = 0 };
        await WriteWholeAsync(Path.Combine(done, doneName + ".import.json"), JsonSerializer.Serialize(report, _json), cancellationToken);
        File.Move(Path.Combine(Directory, name), Path.Combine(done, doneName), overwrite: true);
        ForgetAttempts(name);
    }

    /// <summary>The import holding this content: its name and whether it is queued or done; null when none (never seen, or failed, or gone).</summary>
    private (string Name, string State)? ImportOf(string sha256)
    {
        var entry = Path.Combine(_imported, sha256);
        if (!File.Exists(entry)) return null;
        var name = File.ReadAllText(entry).Trim();
        if (ReportOf(name) == sha256) return (name, "done");
        return File.Exists(Path.Combine(Directory, name)) ? (name, "queued") : null;
    }

    private void Remember(string sha256, string name)
    {
        System.IO.Directory.CreateDirectory(_imported);
        var entry = Path.Combine(_imported, sha256);
        File.WriteAllText(entry + ".partial", name);
        File.Move(entry + ".partial", entry, overwrite: true);
    }

    /// <summary>The content hash recorded in <c>done/NAME.import.json</c> by the import (not a duplicate's report), or null.</summary>
    private string? ReportOf(string name)
    {
        var path = Path.Combine(Done, name + ".import.json");
        if (!File.Exists(path)) return null;
        using var report = JsonDocument.Parse(File.ReadAllText(path));
        return report.RootElement.TryGetProperty("skipped", out _) || !report.RootElement.TryGetProperty("sha256", out var sha) ? null : sha.GetString();
    }

    /// <summary>The attempt did not count against the file (the broker was unreachable).</summary>
    public void ForgetAttempts(string name)
    {
        if (System.IO.Directory.Exists(_attempts)) File.Delete(Path.Combine(_attempts, name));
    }

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
