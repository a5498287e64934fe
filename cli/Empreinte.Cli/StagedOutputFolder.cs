using System.Diagnostics;
using System.Globalization;
using Empreinte.Application.Files;

namespace Empreinte.Cli;

/// <summary>An <c>--out</c> that cannot be used (a file, not writable, cannot be created): one line saying why.</summary>
internal sealed class UnusableOutputException(string message) : Exception(message);

/// <summary>
/// Where <c>estimate</c> writes: a temporary folder beside <c>--out</c> (<c>DIR.tmp-&lt;pid&gt;-&lt;id&gt;</c>,
/// same file system, so moving it is a rename), put in place by <see cref="Commit"/> only once every
/// output is complete. A run that fails or is interrupted leaves the previous outputs as they were
/// and removes its temporary folder (<see cref="Dispose"/>); the temporary folders of a killed run
/// are removed by the next run. When <c>--out</c> holds only Empreinte's outputs, the old folder is
/// renamed aside and the new one renamed in: at every instant <c>--out</c> is the previous run or the
/// new one, never a mix. When it also holds other files, the outputs are renamed in one by one,
/// the stale summary.json removed first and the new one moved last, so a summary.json always
/// describes the per-line file beside it.
/// </summary>
internal sealed class StagedOutputFolder : IDisposable
{
    private const string StagingMarker = ".tmp-";
    private const string AsideMarker = ".old-";
    private const string SummaryFile = "summary.json";

    /// <summary>What a run writes; a folder holding nothing else is swapped whole.</summary>
    private static readonly HashSet<string> s_outputs = new(StringComparer.Ordinal)
    {
        SummaryFile, LinesFormats.CsvFile, LinesFormats.ParquetFile, "unmapped.csv", Application.Reporting.ReportFiles.RecommendationsFile, Application.Reporting.ReportFiles.ReportFile,
    };

    private bool _committed;

    private StagedOutputFolder(string target, string staging)
    {
        Target = target;
        Staging = staging;
    }

    /// <summary>The full path of <c>--out</c>.</summary>
    public string Target { get; }

    /// <summary>The temporary folder the run writes to.</summary>
    public string Staging { get; }

    /// <summary>Checks <paramref name="outputDirectory"/> can be written, cleans a killed run's leftovers and creates the temporary folder.</summary>
    /// <exception cref="UnusableOutputException">When it cannot be used.</exception>
    public static StagedOutputFolder Create(string outputDirectory)
    {
        var target = Path.TrimEndingDirectorySeparator(Path.GetFullPath(outputDirectory));
        // A link to a folder is followed: the outputs go where it points, and the link stays.
        if (Directory.Exists(target)) target = RealPaths.Of(target);
        var parent = Path.GetDirectoryName(target);
        var name = Path.GetFileName(target);
        if (parent is null || name.Length == 0) throw new UnusableOutputException($"--out {outputDirectory}: a root folder cannot be replaced; name a folder inside it.");
        if (File.Exists(target)) throw new UnusableOutputException($"--out {outputDirectory} is a file, not a folder.");

        try
        {
            Directory.CreateDirectory(parent);
            CleanLeftovers(parent, name, target);
            if (Directory.Exists(target)) ProbeWritable(target);
            var staging = Path.Combine(parent, $"{name}{StagingMarker}{Environment.ProcessId.ToString(CultureInfo.InvariantCulture)}-{Guid.NewGuid().ToString("N")[..8]}");
            Directory.CreateDirectory(staging);
            ProbeWritable(staging);
            return new StagedOutputFolder(target, staging);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UnusableOutputException($"--out {outputDirectory} cannot be written ({e.Message}).");
        }
    }

    /// <summary>Puts the complete outputs in place of <see cref="Target"/>'s.</summary>
    public void Commit()
    {
        if (!Directory.Exists(Target))
        {
            Directory.Move(Staging, Target);
        }
        else if (Directory.EnumerateFileSystemEntries(Target).All(e => s_outputs.Contains(Path.GetFileName(e))))
        {
            var aside = Path.Combine(Path.GetDirectoryName(Target)!, Path.GetFileName(Target) + AsideMarker + Path.GetFileName(Staging)[(Path.GetFileName(Target).Length + StagingMarker.Length)..]);
            Directory.Move(Target, aside);
            Directory.Move(Staging, Target);
            Directory.Delete(aside, recursive: true);
        }
        else
        {
            File.Delete(Path.Combine(Target, SummaryFile));
            var files = Directory.EnumerateFiles(Staging).OrderBy(f => Path.GetFileName(f) == SummaryFile).ToList();
            foreach (var file in files) File.Move(file, Path.Combine(Target, Path.GetFileName(file)), overwrite: true);
            Directory.Delete(Staging, recursive: true);
        }

        _committed = true;
    }

    /// <summary>Removes the temporary folder of a run that did not commit.</summary>
    public void Dispose()
    {
        if (_committed) return;
        _committed = true;
        TryDelete(Staging);
    }

    /// <summary>
    /// The temporary folders of runs that are no longer running are removed; a folder renamed aside
    /// by a run killed in the middle of its swap is put back when <c>--out</c> is missing.
    /// </summary>
    private static void CleanLeftovers(string parent, string name, string target)
    {
        foreach (var folder in Directory.EnumerateDirectories(parent, name + ".*"))
        {
            var suffix = Path.GetFileName(folder)[name.Length..];
            var marker = suffix.StartsWith(StagingMarker, StringComparison.Ordinal) ? StagingMarker
                : suffix.StartsWith(AsideMarker, StringComparison.Ordinal) ? AsideMarker : null;
            if (marker is null || IsRunning(suffix[marker.Length..])) continue;
            if (marker == AsideMarker && !Directory.Exists(target)) Directory.Move(folder, target);
            else TryDelete(folder);
        }
    }

    /// <summary>Whether the process named by <c>&lt;pid&gt;-&lt;id&gt;</c> still runs (then the folder is its, not a leftover).</summary>
    private static bool IsRunning(string pidAndId)
    {
        var dash = pidAndId.IndexOf('-', StringComparison.Ordinal);
        if (dash <= 0 || !int.TryParse(pidAndId.AsSpan(0, dash), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)) return false;
        // Another run in this process (tests run the CLI in process) is not a leftover.
        if (pid == Environment.ProcessId) return true;
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    /// <summary>Creating a file is the only reliable test (permissions, ACLs, read-only mounts).</summary>
    private static void ProbeWritable(string folder)
    {
        using var probe = new FileStream(Path.Combine(folder, $".empreinte-probe-{Guid.NewGuid():N}"), FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose);
    }

    private static void TryDelete(string folder)
    {
        try
        {
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Left for the next run's clean-up; the outputs themselves are untouched either way.
        }
    }
}
