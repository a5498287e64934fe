namespace Empreinte.Azure.Webhooks;

/// <summary>The gate's verdict: the body to import, or the HTTP status and reason to answer with.</summary>
public sealed record UploadAdmission(byte[]? Body, int StatusCode, string? Problem)
{
    public bool Admitted => Body is not null;
}

/// <summary>
/// Everything a webhook upload must pass before it is parsed, in the order that costs least to an
/// attacker's victim: a usable signature header and file name (401 before reading anything), the
/// size limit (413, without reading a declared oversize body), the HMAC over timestamp, name and
/// body and the time window (401 with the reason), then the replay check (409: this very request
/// was accepted before, <see cref="SeenSignatures"/>). The upload function only maps the verdict to a response.
/// </summary>
/// <param name="seen">Where accepted signatures are remembered; null only where replays cannot happen (tests of the other checks).</param>
public sealed class SignedUploadGate(UploadSignature signature, long maxBytes = RequestSizeLimit.DefaultMaxBytes, SeenSignatures? seen = null)
{
    public const int Unauthorized = 401;
    public const int Conflict = 409;
    public const int PayloadTooLarge = 413;
    public const int Accepted = 202;

    /// <param name="fileName">The file name the request carries (query or header) exactly as received, null when none: it is part of what is signed.</param>
    public async Task<UploadAdmission> AdmitAsync(string? signatureHeader, string? fileName, long? contentLength, Stream body, CancellationToken cancellationToken)
    {
        var format = UploadSignature.CheckFormat(signatureHeader);
        if (format != SignatureStatus.Valid) return Refused(format);
        if (!UploadSignature.IsSignableFileName(fileName))
            return new UploadAdmission(null, Unauthorized, "The file name holds control characters; it cannot be signed.");

        var read = await RequestSizeLimit.ReadAsync(body, contentLength, maxBytes, cancellationToken);
        if (read.TooLarge)
            return new UploadAdmission(null, PayloadTooLarge, $"The body is larger than {maxBytes} bytes; upload large exports to Blob Storage instead.");

        var check = signature.Verify(signatureHeader, read.Body, fileName);
        if (!check.IsValid) return Refused(check.Status);
        if (seen is not null && !await seen.TryRecordAsync(check.Fingerprint!, check.SignedAt!.Value, cancellationToken))
            return new UploadAdmission(null, Conflict, "This signed request was received before (a replay): each upload must be signed anew, with its own timestamp.");
        return new UploadAdmission(read.Body, Accepted, null);
    }

    private static UploadAdmission Refused(SignatureStatus status) => new(null, Unauthorized, status switch
    {
        SignatureStatus.Missing => $"The {UploadSignature.HeaderName} header is missing.",
        SignatureStatus.Malformed => $"The {UploadSignature.HeaderName} header is not t=<unix seconds>,v1=<hex HMAC-SHA256>.",
        SignatureStatus.Mismatch => "The signature does not match the timestamp, file name and body (sign t.NAME\\nBODY; see docs/azure.md).",
        SignatureStatus.Stale => "The signature is too old (replayed or delayed request); sign again.",
        SignatureStatus.Future => "The signature is dated in the future; check the sender's clock.",
        _ => $"The signature was refused ({status}).",
    });
}
