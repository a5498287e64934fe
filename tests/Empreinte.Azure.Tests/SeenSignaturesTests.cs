using System.Text;
using Azure.Data.Tables;
using Empreinte.Azure.Tests.Support;
using Empreinte.Azure.Webhooks;

namespace Empreinte.Azure.Tests;

/// <summary>The replay store of signed uploads, against real Azurite (a table of its own per test).</summary>
public sealed class SeenSignaturesTests : IAsyncLifetime
{
    private static readonly DateTimeOffset _now = new(2026, 11, 30, 9, 0, 0, TimeSpan.Zero);
    private static readonly byte[] _body = Encoding.UTF8.GetBytes("BillingAccountId,ChargePeriodStart\nacc,2026-11-01\n");

    private readonly FixedClock _clock = new(_now);
    private readonly TableClient _table = Azurite.NewTableClient("SeenSignatures");
    private UploadSignature _signature = null!;
    private SeenSignatures _seen = null!;

    public Task InitializeAsync()
    {
        _signature = UploadSignature.FromSetting("a webhook secret of at least 32 bytes", _clock);
        _seen = new SeenSignatures(_table, _clock, _signature.Tolerance);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task ASignatureSeenBefore_IsARepeat_AndAnotherIsNot()
    {
        Assert.True(await _seen.TryRecordAsync("aa01", _now, CancellationToken.None));
        Assert.False(await _seen.TryRecordAsync("aa01", _now, CancellationToken.None));
        Assert.True(await _seen.TryRecordAsync("aa02", _now, CancellationToken.None));
    }

    [Fact]
    public async Task TheSameSignatureRacingOnSeveralInstances_PassesOnce()
    {
        // Eight Functions instances, each with its own store object, receiving the same request at once.
        var instances = Enumerable.Range(0, 8).Select(_ => new SeenSignatures(_table, _clock, _signature.Tolerance)).ToList();
        await _table.CreateIfNotExistsAsync();

        var passed = await Task.WhenAll(instances.Select(s => s.TryRecordAsync("bb01", _now, CancellationToken.None)));

        Assert.Equal(1, passed.Count(p => p));
    }

    [Fact]
    public async Task Purge_ForgetsOnlySignaturesTooOldToBeAcceptedAnyway()
    {
        _clock.Now = _now - TimeSpan.FromHours(3);
        Assert.True(await _seen.TryRecordAsync("old", _clock.Now, CancellationToken.None));
        _clock.Now = _now;
        // Recording finds the purge due (every ten minutes at most) and runs it.
        Assert.True(await _seen.TryRecordAsync("recent", _now - TimeSpan.FromMinutes(4), CancellationToken.None));

        var kept = new List<string>();
        await foreach (var entity in _table.QueryAsync<TableEntity>()) kept.Add(entity.RowKey);
        Assert.Equal(["recent"], kept);
        Assert.Equal(0, await _seen.PurgeExpiredAsync(CancellationToken.None));
        Assert.False(await _seen.TryRecordAsync("recent", _now - TimeSpan.FromMinutes(4), CancellationToken.None));
    }

    [Fact]
    public async Task Gate_RefusesACapturedRequestSentAgainWithinTheWindow_With409()
    {
        var gate = new SignedUploadGate(_signature, seen: _seen);
        var header = _signature.Sign(_body, _now, "focus.csv");

        var first = await gate.AdmitAsync(header, "focus.csv", _body.Length, new MemoryStream(_body), CancellationToken.None);
        _clock.Now += TimeSpan.FromMinutes(2);
        var replayed = await gate.AdmitAsync(header, "focus.csv", _body.Length, new MemoryStream(_body), CancellationToken.None);
        var renamed = await gate.AdmitAsync(header, "other.csv", _body.Length, new MemoryStream(_body), CancellationToken.None);
        var resigned = await gate.AdmitAsync(_signature.Sign(_body, _clock.Now, "focus.csv"), "focus.csv", _body.Length, new MemoryStream(_body), CancellationToken.None);

        Assert.True(first.Admitted);
        Assert.Equal((false, SignedUploadGate.Conflict), (replayed.Admitted, replayed.StatusCode));
        Assert.Contains("replay", replayed.Problem, StringComparison.Ordinal);
        Assert.Equal((false, SignedUploadGate.Unauthorized), (renamed.Admitted, renamed.StatusCode));
        Assert.True(resigned.Admitted, "the same file signed anew is a new upload");
    }

    public async Task DisposeAsync() => await _table.DeleteAsync();
}
