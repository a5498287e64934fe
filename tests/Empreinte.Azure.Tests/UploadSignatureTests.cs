using System.Security.Cryptography;
using System.Text;
using Empreinte.Azure.Tests.Support;
using Empreinte.Azure.Webhooks;

namespace Empreinte.Azure.Tests;

public sealed class UploadSignatureTests
{
    private static readonly DateTimeOffset _now = new(2026, 11, 30, 9, 0, 0, TimeSpan.Zero);
    private static readonly byte[] _secret = Encoding.ASCII.GetBytes("0123456789abcdef0123456789abcdef");
    private static readonly byte[] _body = Encoding.UTF8.GetBytes("BillingAccountId,ChargePeriodStart\nacc,2026-11-01\n");

    private readonly FixedClock _clock = new(_now);

    private UploadSignature Signature() => new(_secret, _clock);

    [Fact]
    public void SignedNow_IsAccepted()
    {
        var header = Signature().Sign(_body, _now);

        var check = Signature().Verify(header, _body);

        Assert.Equal(SignatureStatus.Valid, check.Status);
        Assert.Equal(_now, check.SignedAt);
        Assert.True(check.IsValid);
    }

    [Theory]
    [InlineData(null, "")]
    [InlineData("focus-2026-11.csv", "focus-2026-11.csv")]
    public void Header_IsTimestampThenLowercaseHexHmacOfTimestampDotNameNewlineBody(string? fileName, string signedName)
    {
        // Pins the wire format senders implement: HMAC-SHA256(secret, "{t}.{file name}\n{body}").
        var timestamp = _now.ToUnixTimeSeconds();
        var expected = Convert.ToHexStringLower(HMACSHA256.HashData(_secret, (byte[])[.. Encoding.UTF8.GetBytes($"{timestamp}.{signedName}\n"), .. _body]));

        var header = Signature().Sign(_body, _now, fileName);

        Assert.Equal($"t={timestamp},v1={expected}", header);
        Assert.Equal(expected, Signature().Verify(header, _body, fileName).Fingerprint);
    }

    [Theory]
    [InlineData("focus.csv", null)]
    [InlineData(null, "focus.csv")]
    [InlineData("focus.csv", "other.csv")]
    [InlineData("a.b", "a")]
    public void RequestReplayedUnderAnotherName_IsRejectedAsMismatch(string? signedName, string? sentName)
    {
        var header = Signature().Sign(_body, _now, signedName);

        Assert.Equal(SignatureStatus.Mismatch, Signature().Verify(header, _body, sentName).Status);
    }

    [Fact]
    public void ANameWithALineBreak_CannotBeSignedNorVerified()
    {
        Assert.Throws<ArgumentException>(() => Signature().Sign(_body, _now, "a\nb"));
        Assert.Equal(SignatureStatus.Malformed, Signature().Verify(Signature().Sign(_body, _now), _body, "a\nb").Status);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Unsigned_IsRejectedAsMissing(string? header) =>
        Assert.Equal(SignatureStatus.Missing, Signature().Verify(header, _body).Status);

    [Theory]
    [InlineData("v1=abc")]
    [InlineData("t=1764493200")]
    [InlineData("t=yesterday,v1=00")]
    [InlineData("t=-5,v1=0000000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("t=1764493200,v1=zz00000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("t=1764493200,t=1764493200,v1=0000000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("sha256=0000")]
    public void Malformed_IsRejectedAsMalformed(string header) =>
        Assert.Equal(SignatureStatus.Malformed, Signature().Verify(header, _body).Status);

    [Fact]
    public void SignedWithAnotherSecret_IsRejectedAsMismatch()
    {
        var forged = new UploadSignature(Encoding.ASCII.GetBytes("an attacker's guess at the secret!"), _clock).Sign(_body, _now);

        Assert.Equal(SignatureStatus.Mismatch, Signature().Verify(forged, _body).Status);
    }

    [Fact]
    public void TamperedBody_IsRejectedAsMismatch()
    {
        var header = Signature().Sign(_body, _now);
        var tampered = (byte[])_body.Clone();
        tampered[^2] ^= 1;

        Assert.Equal(SignatureStatus.Mismatch, Signature().Verify(header, tampered).Status);
    }

    [Fact]
    public void ReplayedOutsideTheWindow_IsRejectedAsStale()
    {
        var header = Signature().Sign(_body, _now);
        _clock.Now = _now + UploadSignature.DefaultTolerance + TimeSpan.FromSeconds(1);

        var check = Signature().Verify(header, _body);

        Assert.Equal((SignatureStatus.Stale, _now), (check.Status, check.SignedAt));
    }

    [Fact]
    public void ReplayedInsideTheWindow_IsAccepted()
    {
        var header = Signature().Sign(_body, _now);
        _clock.Now = _now + UploadSignature.DefaultTolerance;

        Assert.True(Signature().Verify(header, _body).IsValid);
    }

    [Fact]
    public void FutureDatedBeyondTheWindow_IsRejectedAsFuture()
    {
        var header = Signature().Sign(_body, _now + TimeSpan.FromMinutes(6));

        Assert.Equal(SignatureStatus.Future, Signature().Verify(header, _body).Status);
    }

    [Fact]
    public void RetimedHeaderWithTheOldSignature_IsRejectedAsMismatch()
    {
        // An attacker refreshing the timestamp of a captured request cannot re-sign it.
        var captured = Signature().Sign(_body, _now - TimeSpan.FromHours(1));
        var retimed = $"t={_now.ToUnixTimeSeconds()},{captured[(captured.IndexOf(',', StringComparison.Ordinal) + 1)..]}";

        Assert.Equal(SignatureStatus.Mismatch, Signature().Verify(retimed, _body).Status);
    }

    [Fact]
    public void OneOfSeveralSignaturesMatching_IsAccepted()
    {
        // Secret rotation: the sender signs with the old and the new secret.
        var old = new UploadSignature(Encoding.ASCII.GetBytes("the previous secret, 32 bytes long"), _clock).Sign(_body, _now);
        var current = Signature().Sign(_body, _now);
        var both = $"{old},{current[(current.IndexOf(',', StringComparison.Ordinal) + 1)..]}";

        Assert.True(Signature().Verify(both, _body).IsValid);
    }

    [Fact]
    public void SecretFromSetting_IsItsUtf8Bytes()
    {
        var header = UploadSignature.FromSetting("0123456789abcdef0123456789abcdef", _clock).Sign(_body, _now);

        Assert.True(Signature().Verify(header, _body).IsValid);
    }

    [Fact]
    public void ShortSecret_IsRefused() =>
        Assert.Throws<ArgumentException>(() => new UploadSignature(Encoding.ASCII.GetBytes("too short"), _clock));
}

public sealed class RequestSizeLimitTests
{
    [Fact]
    public async Task BodyWithinTheLimit_IsReadWhole()
    {
        var bytes = new byte[1000];
        Random.Shared.NextBytes(bytes);

        var read = await RequestSizeLimit.ReadAsync(new MemoryStream(bytes), bytes.Length, maxBytes: 1000);

        Assert.False(read.TooLarge);
        Assert.Equal(bytes, read.Body);
    }

    [Fact]
    public async Task DeclaredLengthOverTheLimit_IsRejectedWithoutReading()
    {
        var body = new CountingStream(new MemoryStream(new byte[2000]));

        var read = await RequestSizeLimit.ReadAsync(body, contentLength: 2000, maxBytes: 1000);

        Assert.True(read.TooLarge);
        Assert.Null(read.Body);
        Assert.Equal(0, body.BytesRead);
    }

    [Fact]
    public async Task UndeclaredBodyOverTheLimit_IsRejectedOnceItPassesTheLimit()
    {
        var read = await RequestSizeLimit.ReadAsync(new MemoryStream(new byte[1001]), contentLength: null, maxBytes: 1000);

        Assert.True(read.TooLarge);
        Assert.Null(read.Body);
    }

    [Fact]
    public async Task UnderstatedContentLength_IsStillCaughtWhileReading()
    {
        var read = await RequestSizeLimit.ReadAsync(new MemoryStream(new byte[5000]), contentLength: 10, maxBytes: 1000);

        Assert.True(read.TooLarge);
    }

    [Theory]
    [InlineData(null, false)]
    [InlineData(1000L, false)]
    [InlineData(1001L, true)]
    public void Exceeds_ComparesTheDeclaredLength(long? contentLength, bool expected) =>
        Assert.Equal(expected, RequestSizeLimit.Exceeds(contentLength, maxBytes: 1000));

    private sealed class CountingStream(Stream inner) : Stream
    {
        public long BytesRead { get; private set; }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => inner.Length;
        public override long Position { get => inner.Position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var read = inner.Read(buffer, offset, count);
            BytesRead += read;
            return read;
        }

        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
