using System.Text.Json;
using Empreinte.Tables;

namespace Empreinte.Cli.Tests;

/// <summary>serve's folder: what a crash or an interrupted upload leaves behind, and a file that keeps killing the host.</summary>
public sealed class InboxTests : IDisposable
{
    private readonly string _watch = Directory.CreateTempSubdirectory("empreinte-inbox-").FullName;

    [Fact]
    public void PartialFiles_AreRemovedAtStart_AndExportsKept()
    {
        File.WriteAllText(Path.Combine(_watch, ".http-1.csv.partial"), "half an upload");
        Directory.CreateDirectory(Path.Combine(_watch, "done"));
        File.WriteAllText(Path.Combine(_watch, "done", "a.csv.import.json.partial"), "{");
        File.WriteAllText(Path.Combine(_watch, "b.csv"), "provider,cost\n");

        var inbox = new Inbox(_watch);

        Assert.Equal(2, inbox.RemovePartials());
        Assert.Equal(["b.csv"], Directory.EnumerateFiles(_watch).Select(Path.GetFileName));
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(_watch, "done")));
    }

    [Fact]
    public async Task AFileDuringWhoseImportTheHostDiedThreeTimes_IsGivenUp_AndAFinishedOneForgotten()
    {
        var inbox = new Inbox(_watch);
        File.WriteAllText(Path.Combine(_watch, "poison.csv"), "x");
        File.WriteAllText(Path.Combine(_watch, "fine.csv"), "x");

        // Each BeginAttempt without an end is a host that died importing the file.
        for (var attempt = 0; attempt < Inbox.MaxAttempts; attempt++) Assert.True(new Inbox(_watch).BeginAttempt("poison.csv", out _));
        Assert.False(new Inbox(_watch).BeginAttempt("poison.csv", out var previous));
        Assert.Equal(Inbox.MaxAttempts, previous);

        Assert.True(inbox.BeginAttempt("fine.csv", out _));
        await inbox.MoveToFailedAsync("fine.csv", "fine.csv: a reason", CancellationToken.None);
        Assert.Equal("fine.csv: a reason", File.ReadAllText(Path.Combine(_watch, "failed", "fine.csv.error.txt")));
        File.Move(Path.Combine(_watch, "failed", "fine.csv"), Path.Combine(_watch, "fine.csv"));
        Assert.True(inbox.BeginAttempt("fine.csv", out var fresh));
        Assert.Equal(0, fresh);
    }

    [Fact]
    public async Task TwoExportsDroppedUnderOneName_AreBothKept_WithDistinctKeys_AndTheSameFileKeepsItsKeys()
    {
        var inbox = new Inbox(_watch);
        var first = await DropAndImportAsync(inbox, "costs.csv", "provider,cost\naws,1\n");
        var second = await DropAndImportAsync(inbox, "costs.csv", "provider,cost\naws,2\n");

        Assert.NotEqual(first.Source, second.Source);
        Assert.NotEqual(LinesKeys.RowKey(first.Source, 1), LinesKeys.RowKey(second.Source, 1));
        // A re-import of the same file (a host killed mid-import) names its rows the same way.
        Assert.Equal(first.Source, Inbox.SourceNameOf("costs.csv", Inbox.Sha256Of(Path.Combine(_watch, "done", first.DoneName))));
        Assert.Equal("provider,cost\naws,1\n", File.ReadAllText(Path.Combine(_watch, "done", first.DoneName)));
        Assert.Equal("provider,cost\naws,2\n", File.ReadAllText(Path.Combine(_watch, "done", second.DoneName)));
        Assert.NotEqual(first.DoneName, second.DoneName);
        Assert.True(File.Exists(Path.Combine(_watch, "done", first.DoneName + ".import.json")));
        Assert.True(File.Exists(Path.Combine(_watch, "done", second.DoneName + ".import.json")));
    }

    [Fact]
    public async Task ADroppedCopyOfAnImportedExport_IsSetAsideAsSameContent_AcrossARestart()
    {
        var imported = await DropAndImportAsync(new Inbox(_watch), "march.csv", "provider,cost\naws,1\n");
        File.WriteAllText(Path.Combine(_watch, "march-copy.csv"), "provider,cost\naws,1\n");

        var restarted = new Inbox(_watch);
        var sha256 = Inbox.Sha256Of(Path.Combine(_watch, "march-copy.csv"));
        var existing = restarted.ClaimDropped("march-copy.csv", sha256);

        Assert.Equal((imported.DoneName, "done"), existing);
        await restarted.SetAsideDuplicateAsync("march-copy.csv", sha256, existing!.Value.Name, CancellationToken.None);
        Assert.Empty(Directory.EnumerateFiles(_watch));
        using var report = JsonDocument.Parse(File.ReadAllText(Path.Combine(_watch, "done", "march-copy.csv.import.json")));
        Assert.Equal("sameContent", report.RootElement.GetProperty("skipped").GetString());
        Assert.Equal(imported.DoneName, report.RootElement.GetProperty("sameAs").GetString());

        // The same file dropped again under its own name: not imported again, its report kept.
        File.WriteAllText(Path.Combine(_watch, "march.csv"), "provider,cost\naws,1\n");
        Assert.Equal(("march.csv", "done"), restarted.ClaimDropped("march.csv", sha256));
        await restarted.SetAsideDuplicateAsync("march.csv", sha256, "march.csv", CancellationToken.None);
        using var kept = JsonDocument.Parse(File.ReadAllText(Path.Combine(_watch, "done", "march.csv.import.json")));
        Assert.Equal(sha256, kept.RootElement.GetProperty("sha256").GetString());
        Assert.False(kept.RootElement.TryGetProperty("skipped", out _));
    }

    [Fact]
    public void AFileClaimedByAHostThatDied_IsItsOwnClaimAfterTheRestart()
    {
        File.WriteAllText(Path.Combine(_watch, "april.csv"), "provider,cost\naws,1\n");
        var sha256 = Inbox.Sha256Of(Path.Combine(_watch, "april.csv"));
        Assert.Null(new Inbox(_watch).ClaimDropped("april.csv", sha256));
        // Killed mid-import: the file is still waiting, claimed by itself; the next host imports it again under the same keys.
        Assert.Null(new Inbox(_watch).ClaimDropped("april.csv", sha256));
        // A copy dropped meanwhile waits behind it as a duplicate.
        Assert.Equal(("april.csv", "queued"), new Inbox(_watch).ClaimDropped("april-copy.csv", sha256));
    }

    /// <summary>What serve does with a dropped file whose import completes (the import itself needs the broker: tests/Empreinte.Faults.Tests).</summary>
    private async Task<(string DoneName, string Source)> DropAndImportAsync(Inbox inbox, string name, string content)
    {
        File.WriteAllText(Path.Combine(_watch, name), content);
        var sha256 = Inbox.Sha256Of(Path.Combine(_watch, name));
        Assert.Null(inbox.ClaimDropped(name, sha256));
        var doneName = inbox.DoneNameOf(name, sha256);
        var source = Inbox.SourceNameOf(name, sha256);
        await inbox.MoveToDoneAsync(name, doneName, sha256, JsonSerializer.Serialize(new { file = name, sha256, source, rowsRead = 1 }), CancellationToken.None);
        return (doneName, source);
    }

    public void Dispose() => Directory.Delete(_watch, recursive: true);
}
