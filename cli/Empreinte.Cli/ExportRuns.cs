using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Empreinte.Application.Importing;

namespace Empreinte.Cli;

/// <summary>
/// Month-to-date exports: a scheduled export (Cost Management, AWS CUR) writes the whole period so
/// far at every run, each run beside the previous ones, under a billing-period folder:
/// <c>&lt;export&gt;/&lt;yyyyMMdd-yyyyMMdd&gt;/&lt;runId&gt;/…</c> (partitioned, with a manifest) or
/// <c>&lt;export&gt;/&lt;yyyyMMdd-yyyyMMdd&gt;/&lt;export&gt;_&lt;id&gt;.csv</c> (one file per run). Reading every run
/// counts the first days of the month once per run, so for each export and period only the latest
/// run is read — by the manifest's <c>runInfo.submittedTime</c>, else by the newest file of the run —
/// and the others are listed as superseded in summary.json. This is the rule the Functions import
/// and the Power BI query apply to runs in Blob Storage (docs/power-bi.md, "Month-to-date exports").
/// </summary>
internal static partial class ExportRuns
{
    [GeneratedRegex(@"^\d{8}-\d{8}$", RegexOptions.CultureInvariant)]
    private static partial Regex PeriodFolder();

    /// <summary>The candidates less the earlier runs of each export period, which are added to <paramref name="skipped"/>.</summary>
    public static List<InputFiles.Candidate> LatestOnly(List<InputFiles.Candidate> candidates, List<SkippedInput> skipped)
    {
        var superseded = new HashSet<InputFiles.Candidate>();
        var inRuns = candidates.Select(c => (Candidate: c, Run: RunOf(c.RealPath))).Where(x => x.Run is not null).ToList();
        foreach (var period in inRuns.GroupBy(x => x.Run!.Value.Period, StringComparer.Ordinal))
        {
            var runs = period.GroupBy(x => x.Run!.Value.Run, x => x.Candidate, StringComparer.Ordinal)
                .Select(run => (Run: run.Key, Files: run.ToList(), At: run.Max(c => TimeOf(c.RealPath))))
                .OrderByDescending(r => r.At).ThenByDescending(r => r.Run, StringComparer.Ordinal)
                .ToList();
            if (runs.Count < 2) continue;
            var latest = runs[0];
            foreach (var earlier in runs.Skip(1))
            {
                foreach (var file in earlier.Files)
                {
                    superseded.Add(file);
                    skipped.Add(new SkippedInput(file.Path, string.Create(CultureInfo.InvariantCulture,
                        $"{file.Path}: an earlier run ({earlier.At:yyyy-MM-dd'T'HH:mm:ss'Z'}) of the month-to-date export period {period.Key}; its latest run {latest.Run} ({latest.At:yyyy-MM-dd'T'HH:mm:ss'Z'}) is read instead."),
                        SkippedKinds.Superseded));
                }
            }
        }

        return [.. candidates.Where(c => !superseded.Contains(c))];
    }

    /// <summary>The export period folder and the run (its folder, or the file itself when runs are single files) of a path, if it lies under a period folder.</summary>
    internal static (string Period, string Run)? RunOf(string realPath)
    {
        var segments = realPath.Split(Path.DirectorySeparatorChar);
        // The period folder nearest the file (the file name itself is never one).
        for (var i = segments.Length - 2; i > 0; i--)
        {
            if (!PeriodFolder().IsMatch(segments[i])) continue;
            var period = string.Join(Path.DirectorySeparatorChar, segments[..(i + 1)]);
            var run = string.Join(Path.DirectorySeparatorChar, segments[..(i + 2)]);
            return (period, run);
        }

        return null;
    }

    /// <summary>When a file's run was made: a Cost Management manifest's <c>runInfo.submittedTime</c>, else the file's last write.</summary>
    private static DateTimeOffset TimeOf(string path)
    {
        if (path.EndsWith(".json", StringComparison.OrdinalIgnoreCase) && Path.GetFileName(path).Contains("manifest", StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                using var stream = File.OpenRead(path);
                using var manifest = JsonDocument.Parse(stream);
                if (manifest.RootElement.ValueKind == JsonValueKind.Object
                    && manifest.RootElement.TryGetProperty("runInfo", out var runInfo) && runInfo.ValueKind == JsonValueKind.Object
                    && runInfo.TryGetProperty("submittedTime", out var submitted)
                    && DateTimeOffset.TryParse(submitted.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
                    return at.ToUniversalTime();
            }
            catch (Exception e) when (e is JsonException or IOException or InvalidOperationException)
            {
                // An unreadable manifest is reported when it is opened; its file time stands in.
            }
        }

        return new DateTimeOffset(File.GetLastWriteTimeUtc(path), TimeSpan.Zero);
    }
}
