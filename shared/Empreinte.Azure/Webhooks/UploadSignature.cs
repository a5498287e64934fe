using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Empreinte.Azure.Webhooks;

public enum SignatureStatus
{
    Valid,

    /// <summary>No <c>X-Empreinte-Signature</c> header.</summary>
    Missing,

    /// <summary>The header is not <c>t=&lt;unix seconds&gt;,v1=&lt;64 hex chars&gt;</c>.</summary>
    Malformed,

    /// <summary>Genuine, but signed longer ago than the tolerance: a replay, or a badly delayed sender.</summary>
    Stale,

    /// <summary>Genuine, but signed further in the future than the tolerance: the sender's clock is wrong.</summary>
    Future,

    /// <summary>No signature in the header matches the body under the shared secret: forged or tampered.</summary>
    Mismatch,
}

/// <summary>The outcome of a check, with the signing time when the header could be read.</summary>
/// <param name="Fingerprint">The HMAC (lowercase hex) of this timestamp, name and body under the receiver's secret, once the signature matched: the same request always has the same fingerprint, whichever header text carried it.</param>
public readonly record struct SignatureCheck(SignatureStatus Status, DateTimeOffset? SignedAt = null, string? Fingerprint = null)
{
    public bool IsValid => Status == SignatureStatus.Valid;
}

/// <summary>
/// Authenticates webhook uploads. The sender computes HMAC-SHA256 with the shared secret over
/// <c>{timestamp}.{file name}\n{body}</c> (timestamp in Unix seconds; the file name exactly as sent
/// in <c>?fileName=</c> or <c>X-File-Name</c>, empty when none, UTF-8; body as raw bytes) and sends
/// <c>X-Empreinte-Signature: t=&lt;timestamp&gt;,v1=&lt;lowercase hex&gt;</c>. Signing the timestamp lets
/// the receiver refuse replays outside the tolerance window (and, with <see cref="SeenSignatures"/>,
/// inside it); signing the name stops a captured request from being replayed under another name.
/// A name cannot hold a line break (<see cref="IsSignableFileName"/>), so name and body cannot be
/// shifted into each other. Several <c>v1</c> entries are accepted so a sender can sign with the old
/// and the new secret while it is rotated.
/// </summary>
public sealed class UploadSignature
{
    public const string HeaderName = "X-Empreinte-Signature";
    public const string Scheme = "v1";

    /// <summary>Five minutes either way: enough for clock skew and retries, short enough to make a captured request useless.</summary>
    public static readonly TimeSpan DefaultTolerance = TimeSpan.FromMinutes(5);

    private const int _minimumSecretBytes = 32;
    private const int _maxHeaderLength = 1024;

    private readonly byte[] _secret;
    private readonly TimeProvider _clock;
    private readonly TimeSpan _tolerance;

    public UploadSignature(byte[] secret, TimeProvider clock, TimeSpan? tolerance = null)
    {
        ArgumentNullException.ThrowIfNull(secret);
        if (secret.Length < _minimumSecretBytes)
            throw new ArgumentException($"The webhook secret must be at least {_minimumSecretBytes} bytes (256 bits) of random data.", nameof(secret));
        _secret = (byte[])secret.Clone();
        _clock = clock;
        _tolerance = tolerance ?? DefaultTolerance;
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(_tolerance, TimeSpan.Zero, nameof(tolerance));
    }

    /// <summary>The secret as configured (an app setting or Key Vault reference): its UTF-8 bytes are the HMAC key, as senders using <c>openssl -hmac</c> expect.</summary>
    public static UploadSignature FromSetting(string secret, TimeProvider clock, TimeSpan? tolerance = null) =>
        new(Encoding.UTF8.GetBytes(secret ?? throw new ArgumentNullException(nameof(secret))), clock, tolerance);

    /// <summary>The header value for <paramref name="body"/> sent under <paramref name="fileName"/> (none: null), signed at <paramref name="signedAt"/> (senders, tests).</summary>
    public string Sign(ReadOnlySpan<byte> body, DateTimeOffset signedAt, string? fileName = null)
    {
        if (!IsSignableFileName(fileName)) throw new ArgumentException("A file name must not contain control characters.", nameof(fileName));
        var timestamp = signedAt.ToUnixTimeSeconds();
        return $"t={timestamp.ToString(CultureInfo.InvariantCulture)},{Scheme}={Convert.ToHexStringLower(Compute(timestamp, fileName, body))}";
    }

    /// <summary>No control characters (line breaks above all): the name ends where the first line break of the signed text is.</summary>
    public static bool IsSignableFileName(string? fileName) => fileName is null || !fileName.Any(char.IsControl);

    /// <summary>
    /// Whether the header is present and well formed (<see cref="SignatureStatus.Valid"/> here means only that),
    /// so a request without a usable signature is refused before its body is read.
    /// </summary>
    public static SignatureStatus CheckFormat(string? header) =>
        string.IsNullOrWhiteSpace(header) ? SignatureStatus.Missing
        : TryParse(header, out _, out _) ? SignatureStatus.Valid
        : SignatureStatus.Malformed;

    /// <param name="fileName">The name the request carries (query or header), exactly as received; null when none.</param>
    public SignatureCheck Verify(string? header, ReadOnlySpan<byte> body, string? fileName = null)
    {
        if (string.IsNullOrWhiteSpace(header)) return new(SignatureStatus.Missing);
        if (!TryParse(header, out var timestamp, out var signatures) || !IsSignableFileName(fileName)) return new(SignatureStatus.Malformed);

        // Authenticity first, freshness second: a stale or future verdict then always means a
        // genuine request at the wrong time, which is what an operator needs to tell apart from forgery.
        var expected = Compute(timestamp, fileName, body);
        var matches = false;
        foreach (var signature in signatures) matches |= CryptographicOperations.FixedTimeEquals(expected, signature);
        if (!matches) return new(SignatureStatus.Mismatch);

        var signedAt = DateTimeOffset.FromUnixTimeSeconds(timestamp);
        var fingerprint = Convert.ToHexStringLower(expected);
        var age = _clock.GetUtcNow() - signedAt;
        if (age > _tolerance) return new(SignatureStatus.Stale, signedAt, fingerprint);
        if (-age > _tolerance) return new(SignatureStatus.Future, signedAt, fingerprint);
        return new(SignatureStatus.Valid, signedAt, fingerprint);
    }

    /// <summary>How long a signature stays acceptable either way: what a replay store must remember.</summary>
    public TimeSpan Tolerance => _tolerance;

    private byte[] Compute(long timestamp, string? fileName, ReadOnlySpan<byte> body)
    {
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, _secret);
        hmac.AppendData(Encoding.UTF8.GetBytes(timestamp.ToString(CultureInfo.InvariantCulture) + "." + fileName + "\n"));
        hmac.AppendData(body);
        return hmac.GetHashAndReset();
    }

    private static bool TryParse(string header, out long timestamp, out List<byte[]> signatures)
    {
        timestamp = 0;
        signatures = [];
        if (header.Length > _maxHeaderLength) return false;

        var hasTimestamp = false;
        foreach (var part in header.Split(',', StringSplitOptions.TrimEntries))
        {
            var separator = part.IndexOf('=', StringComparison.Ordinal);
            if (separator <= 0) return false;
            var key = part[..separator];
            var value = part[(separator + 1)..];
            if (key == "t")
            {
                // Unix seconds, digits only: no sign, no exponent, and well inside DateTimeOffset's range.
                if (hasTimestamp || value.Length is 0 or > 12 || !value.All(char.IsAsciiDigit)) return false;
                timestamp = long.Parse(value, NumberStyles.None, CultureInfo.InvariantCulture);
                hasTimestamp = true;
            }
            else if (key == Scheme)
            {
                if (value.Length != 64 || !value.All(char.IsAsciiHexDigit)) return false;
                signatures.Add(Convert.FromHexString(value));
            }

            // Other schemes are ignored, so a future v2 can be added beside v1 without breaking this receiver.
        }

        return hasTimestamp && signatures.Count > 0;
    }
}
