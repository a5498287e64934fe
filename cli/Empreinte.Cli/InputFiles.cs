using System.Security.Cryptography;
using Empreinte.Application.Importing;
using Empreinte.Ingestion;

namespace Empreinte.Cli;

/// <summary>
/// The exports named on the command line, opened, each real file once. A file named explicitly must
/// be readable: its error stops the run. A folder is searched recursively for exports (CSV, CSV.gz,
/// JSON, Parquet); files in it that are not exports (licences, lookup tables, schemas) are skipped
/// and listed with their reason in summary.json, never silently, and the data files a manifest lists
/// are read once, through the manifest. Nothing is counted twice: a file named twice or reached
/// again through a link, a folder reached again through a link (a loop), a byte-for-byte copy, and
/// an earlier run of a month-to-date export (<see cref="ExportRuns"/>) are skipped with their reason.
/// Rows are named by the file's real full path, so table keys of two exports that share a file name
/// never collide, and importing the same export again writes the same keys.
/// </summary>
internal sealed class InputFiles : IDisposable
{
    private static readonly string[] s_exportExtensions = [".csv", ".gz", ".json", ".parquet"];

    public List<(ExportFile File, string Path)> Opened { get; } = [];

    public List<SkippedInput> Skipped { get; } = [];

    /// <summary>A file to read: as the user or the folder search named it, and its real path (links resolved).</summary>
    internal sealed record Candidate(string Path, string RealPath, bool Explicit);

    /// <summary>Opens every input; throws <see cref="ExportFormatException"/> for an explicit file that cannot be read.</summary>
    public static InputFiles Open(IReadOnlyList<string> inputs, string? format)
    {
        var files = new InputFiles();
        try
        {
            var candidates = new List<Candidate>();
            var foldersRead = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var input in inputs)
            {
                if (Directory.Exists(input)) files.Search(input, foldersRead, candidates);
                else candidates.Add(new Candidate(input, File.Exists(input) ? RealPaths.Of(input) : Path.GetFullPath(input), Explicit: true));
            }

            candidates = files.OncePerFile(candidates);
            candidates = files.ExceptManifestParts(candidates);
            candidates = files.OncePerContent(candidates);
            candidates = ExportRuns.LatestOnly(candidates, files.Skipped);
            foreach (var candidate in candidates) files.OpenCandidate(candidate, format);

            if (files.Opened.Count == 0)
                throw new ExportFormatException($"{string.Join(", ", inputs)}: no export found (looked for {string.Join(", ", s_exportExtensions)} files).");
            return files;
        }
        catch
        {
            files.Dispose();
            throw;
        }
    }

    /// <summary>Every export-named file under <paramref name="folder"/>, sorted, each folder entered once however many links lead to it.</summary>
    private void Search(string folder, Dictionary<string, string> foldersRead, List<Candidate> candidates)
    {
        var real = RealPaths.Of(folder);
        if (foldersRead.TryGetValue(real, out var first))
        {
            Skipped.Add(new SkippedInput(folder, $"{folder}: the folder {real}, already read as {first} (a link back to it would loop): read once.", SkippedKinds.SameFolder));
            return;
        }

        foldersRead[real] = folder;
        foreach (var file in Directory.EnumerateFiles(folder).Order(StringComparer.Ordinal))
        {
            if (s_exportExtensions.Any(e => file.EndsWith(e, StringComparison.OrdinalIgnoreCase)))
                candidates.Add(new Candidate(file, RealPaths.Of(file), Explicit: false));
        }

        foreach (var sub in Directory.EnumerateDirectories(folder).Order(StringComparer.Ordinal)) Search(sub, foldersRead, candidates);
    }

    private List<Candidate> OncePerFile(List<Candidate> candidates)
    {
        var seen = new Dictionary<string, Candidate>(StringComparer.Ordinal);
        var kept = new List<Candidate>();
        foreach (var candidate in candidates)
        {
            if (seen.TryGetValue(candidate.RealPath, out var first))
            {
                Skipped.Add(new SkippedInput(candidate.Path, $"{candidate.Path}: the same file as {first.Path} (named twice, or through a link): read once.", SkippedKinds.SameFile));
                continue;
            }

            seen[candidate.RealPath] = candidate;
            kept.Add(candidate);
        }

        return kept;
    }

    /// <summary>
    /// Partitions listed by a manifest are read through it, once: found in a folder they are left
    /// out quietly (that is how exports are laid out); named explicitly as well, they are listed as skipped.
    /// </summary>
    private List<Candidate> ExceptManifestParts(List<Candidate> candidates)
    {
        var listedBy = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var candidate in candidates)
        {
            try
            {
                if (Manifest.TryRead(candidate.RealPath, out var parts))
                    foreach (var part in parts) listedBy.TryAdd(File.Exists(part) ? RealPaths.Of(part) : Path.GetFullPath(part), candidate.Path);
            }
            catch (ExportFormatException)
            {
                // A broken manifest is reported when it is opened.
            }
        }

        var kept = new List<Candidate>();
        foreach (var candidate in candidates)
        {
            if (!listedBy.TryGetValue(candidate.RealPath, out var manifest))
            {
                kept.Add(candidate);
                continue;
            }

            if (candidate.Explicit)
                Skipped.Add(new SkippedInput(candidate.Path, $"{candidate.Path}: listed by the manifest {manifest}, which reads it: read once.", SkippedKinds.SameFile));
        }

        return kept;
    }

    /// <summary>
    /// Byte-for-byte copies are read once. Only files of equal length can be equal, so only they are
    /// hashed: a usual run of distinct exports hashes nothing.
    /// </summary>
    private List<Candidate> OncePerContent(List<Candidate> candidates)
    {
        var lengths = candidates.Where(c => File.Exists(c.RealPath)).GroupBy(c => new FileInfo(c.RealPath).Length)
            .Where(g => g.Count() > 1).SelectMany(g => g).ToHashSet();
        var firstByHash = new Dictionary<string, Candidate>(StringComparer.Ordinal);
        var kept = new List<Candidate>();
        foreach (var candidate in candidates)
        {
            if (lengths.Contains(candidate))
            {
                var hash = Sha256Of(candidate.RealPath);
                if (firstByHash.TryGetValue(hash, out var first))
                {
                    Skipped.Add(new SkippedInput(candidate.Path,
                        $"{candidate.Path}: the same content as {first.Path} (SHA-256 {hash[..16]}…): read once.", SkippedKinds.SameContent));
                    continue;
                }

                firstByHash[hash] = candidate;
            }

            kept.Add(candidate);
        }

        return kept;
    }

    private static string Sha256Of(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    private void OpenCandidate(Candidate candidate, string? format)
    {
        try
        {
            Opened.Add((ExportReader.Open(File.Exists(candidate.RealPath) ? candidate.RealPath : candidate.Path, format, SourceNaming.FullPath), candidate.Path));
        }
        catch (ExportFormatException e) when (!candidate.Explicit)
        {
            Skipped.Add(new SkippedInput(candidate.Path, e.Message));
        }
    }

    public void Dispose()
    {
        foreach (var (file, _) in Opened) file.Dispose();
    }
}
