namespace Empreinte.Azure.Webhooks;

/// <summary>The gate's verdict: the body to import, or the HTTP status and reason to answer with.</summary>
public sealed record UploadAdmission(byte[]? Body, int StatusCode, string? Problem)
{
    public bool Admitted => Body is not null;
}

/// <summary>
/// Everything a webhook upload must pass before it is parsed, in the order that costs least to an
/// attacker's victim: a usable signature header (401 before reading anything), the size limit (413,
/// without reading a declared oversize body), then the HMAC and the time window (401 with the reason).
/// The upload function only maps the verdict to a response.
/// </summary>
public sealed class SignedUploadGate(UploadSignature signature, long maxBytes = RequestSizeLimit.DefaultMaxBytes)
{
    public const int Unauthorized = 401;
    public const int PayloadTooLarge = 413;
    public const int Accepted = 202;

    public async Task<UploadAdmission> AdmitAsync(string? signatureHeader, long? contentLength, Stream body, CancellationToken cancellationToken)
    {
        var format = UploadSignature.CheckFormat(signatureHeader);
        if (format != SignatureStatus.Valid) return Refused(format);

        var read = await RequestSizeLimit.ReadAsync(body, contentLength, maxBytes, cancellationToken);
        if (read.TooLarge)
            return new UploadAdmission(null, PayloadTooLarge, $"The body is larger than {maxBytes} bytes; upload large exports to Blob Storage instead.");

        var check = signature.Verify(signatureHeader, read.Body);
        return check.IsValid ? new UploadAdmission(read.Body, Accepted, null) : Refused(check.Status);
    }

    private static UploadAdmission Refused(SignatureStatus status) => new(null, Unauthorized, status switch
    {
        SignatureStatus.Missing => $"The {UploadSignature.HeaderName} header is missing.",
        SignatureStatus.Malformed => $"The {UploadSignature.HeaderName} header is not t=<unix seconds>,v1=<hex HMAC-SHA256>.",
        SignatureStatus.Mismatch => "The signature does not match the body.",
        SignatureStatus.Stale => "The signature is too old (replayed or delayed request); sign again.",
        SignatureStatus.Future => "The signature is dated in the future; check the sender's clock.",
        _ => $"The signature was refused ({status}).",
    });
}
