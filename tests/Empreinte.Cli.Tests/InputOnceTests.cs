using System.Text.Json;
using Empreinte.TestSupport;

namespace Empreinte.Cli.Tests;

/// <summary>
/// Issue #13 point 6: each real file is read once. Files named twice or reached through links,
/// folders that link back to themselves, byte-for-byte copies and the earlier runs of a
/// month-to-date export are skipped, each listed in summary.json's <c>skippedInputs</c> with its kind.
/// </summary>
public sealed class InputOnceTests : IDisposable
{
    private const int SampleRows = 20;

    private readonly string _root = Path.Combine(Path.GetTempPath(), "empreinte-once-" + Guid.NewGuid().ToString("N"));

    public InputOnceTests() => Directory.CreateDirectory(_root);

    private static string Sample => RepositoryPaths.Sample("focus-1.0-small.csv");

    [Fact]
    public async Task SameFileNamedTwice_IsCountedOnce()
    {
        var run = await CliRun.EstimateAsync(Sample, Sample);

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Equal(SampleRows, Total(run));
        var skipped = Assert.Single(Skipped(run));
        Assert.Equal("sameFile", skipped.GetProperty("kind").GetString());
        Assert.Contains("empreinte: skipped", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FolderWithLinksBackToItself_IsReadOnce_AndEnds()
    {
        // a/self → a, and two folders linking to each other: a/b/to-c → c, c/to-b → a/b.
        var a = Folder("a");
        File.Copy(Sample, Path.Combine(a, "export.csv"));
        Directory.CreateSymbolicLink(Path.Combine(a, "self"), a);
        var b = Folder("a", "b");
        var c = Folder("c");
        Directory.CreateSymbolicLink(Path.Combine(b, "to-c"), c);
        Directory.CreateSymbolicLink(Path.Combine(c, "to-b"), b);
        await File.WriteAllLinesAsync(Path.Combine(c, "ten.csv"), File.ReadAllLines(Sample).Take(11));

        var run = await CliRun.EstimateAsync(a);

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Equal(SampleRows + 10, Total(run));
        Assert.Equal(2, run.Summary().GetProperty("inputs").GetArrayLength());
        Assert.Equal(2, Skipped(run).Count(s => s.GetProperty("kind").GetString() == "sameFolder"));
    }

    [Fact]
    public async Task FileLinkedInAFolder_IsReadOnce()
    {
        var folder = Folder("exports");
        var export = Path.Combine(folder, "export.csv");
        File.Copy(Sample, export);
        File.CreateSymbolicLink(Path.Combine(folder, "latest.csv"), export);

        var run = await CliRun.EstimateAsync(folder, export);

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Equal(SampleRows, Total(run));
        Assert.Equal(["sameFile", "sameFile"], Skipped(run).Select(s => s.GetProperty("kind").GetString()));
    }

    [Fact]
    public async Task CopyInAnotherFolder_SameContent_IsReadOnce()
    {
        var original = Path.Combine(Folder("january"), "export.csv");
        File.Copy(Sample, original);
        File.Copy(Sample, Path.Combine(Folder("backup"), "export-copy.csv"));

        var run = await CliRun.EstimateAsync(_root);

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Equal(SampleRows, Total(run));
        var skipped = Assert.Single(Skipped(run));
        Assert.Equal("sameContent", skipped.GetProperty("kind").GetString());
        // backup/ sorts first, so it is read and january's identical file is the one skipped.
        Assert.Equal(original, skipped.GetProperty("path").GetString());
        Assert.Contains("SHA-256", skipped.GetProperty("reason").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task MonthToDateRunsOfOneExport_OnlyTheLatestRunIsRead()
    {
        // Cost Management's layout: <export>/<period>/<runId>/part_0_0001.csv, one run per day so far.
        var lines = File.ReadAllLines(Sample);
        var early = Path.Combine(Folder("daily", "20261001-20261031", "run-1"), "part_0_0001.csv");
        var late = Path.Combine(Folder("daily", "20261001-20261031", "run-2"), "part_0_0001.csv");
        await File.WriteAllLinesAsync(early, lines.Take(11));
        await File.WriteAllLinesAsync(late, lines);
        File.SetLastWriteTimeUtc(early, new DateTime(2026, 10, 10, 6, 0, 0, DateTimeKind.Utc));
        File.SetLastWriteTimeUtc(late, new DateTime(2026, 10, 11, 6, 0, 0, DateTimeKind.Utc));

        var run = await CliRun.EstimateAsync(_root);

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Equal(SampleRows, Total(run));
        var skipped = Assert.Single(Skipped(run));
        Assert.Equal("superseded", skipped.GetProperty("kind").GetString());
        Assert.Equal(early, skipped.GetProperty("path").GetString());
        Assert.Contains("run-2", skipped.GetProperty("reason").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task MonthToDateRunsWithManifests_TheLatestSubmittedRunIsRead_WhateverTheFileTimes()
    {
        var lines = File.ReadAllLines(Sample);
        var runs = new[] { ("run-a", "2026-10-12T06:00:00Z", 21), ("run-b", "2026-10-11T06:00:00Z", 11) };
        foreach (var (id, submitted, count) in runs)
        {
            var folder = Folder("focus", "20261001-20261031", id);
            await File.WriteAllLinesAsync(Path.Combine(folder, "part_0_0001.csv"), lines.Take(count));
            await File.WriteAllTextAsync(Path.Combine(folder, "manifest.json"), JsonSerializer.Serialize(new
            {
                exportConfig = new { exportName = "focus" },
                runInfo = new { runId = id, submittedTime = submitted, startDate = "2026-10-01T00:00:00", endDate = "2026-10-31T00:00:00" },
                blobs = new[] { new { blobName = $"exports/focus/20261001-20261031/{id}/part_0_0001.csv" } },
            }));
        }

        // run-b's files are newer on disk, but run-a was submitted later.
        File.SetLastWriteTimeUtc(Path.Combine(_root, "focus", "20261001-20261031", "run-a", "manifest.json"), new DateTime(2026, 10, 1, 0, 0, 0, DateTimeKind.Utc));

        var run = await CliRun.EstimateAsync(_root);

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Equal(SampleRows, Total(run));
        var skipped = Assert.Single(Skipped(run));
        Assert.Equal("superseded", skipped.GetProperty("kind").GetString());
        Assert.EndsWith(Path.Combine("run-b", "manifest.json"), skipped.GetProperty("path").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ManifestAndItsPart_BothNamed_AreReadOnce()
    {
        var folder = Folder("export");
        var part = Path.Combine(folder, "part_0_0001.csv");
        File.Copy(Sample, part);
        var manifest = Path.Combine(folder, "manifest.json");
        await File.WriteAllTextAsync(manifest, JsonSerializer.Serialize(new { blobs = new[] { new { blobName = "export/part_0_0001.csv" } } }));

        var run = await CliRun.EstimateAsync(manifest, part);

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Equal(SampleRows, Total(run));
        var skipped = Assert.Single(Skipped(run));
        Assert.Equal(part, skipped.GetProperty("path").GetString());
        Assert.Equal("sameFile", skipped.GetProperty("kind").GetString());
    }

    private string Folder(params string[] parts)
    {
        var folder = Path.Combine([_root, .. parts]);
        Directory.CreateDirectory(folder);
        return folder;
    }

    private static long Total(CliRun run) => run.Summary().GetProperty("rows").GetProperty("total").GetInt64();

    private static List<JsonElement> Skipped(CliRun run) => [.. run.Summary().GetProperty("skippedInputs").EnumerateArray()];

    public void Dispose()
    {
        if (Directory.Exists(_root)) Directory.Delete(_root, recursive: true);
    }
}
