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

    public void Dispose() => Directory.Delete(_watch, recursive: true);
}
