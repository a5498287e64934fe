namespace Empreinte.Azure.Webhooks;

/// <summary>A request body read under a size limit: <see cref="Body"/> when within it, else <see cref="TooLarge"/>.</summary>
public sealed record BoundedBody(byte[]? Body, bool TooLarge, long? DeclaredLength);

/// <summary>
/// Refuses oversized webhook uploads before they cost memory: a declared Content-Length over the
/// limit is refused without reading, and a body without one (chunked) is read only up to one byte
/// past the limit. Large exports belong in Blob Storage (Event Grid or the scheduled import), not
/// in a webhook body that must be held in memory to check its signature.
/// </summary>
public static class RequestSizeLimit
{
    /// <summary>A few months of a small organisation's export; anything larger should be uploaded to Blob Storage.</summary>
    public const long DefaultMaxBytes = 32L * 1024 * 1024;

    public static bool Exceeds(long? contentLength, long maxBytes = DefaultMaxBytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxBytes);
        return contentLength > maxBytes;
    }

    public static async Task<BoundedBody> ReadAsync(Stream body, long? contentLength, long maxBytes = DefaultMaxBytes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(body);
        if (Exceeds(contentLength, maxBytes)) return new BoundedBody(null, true, contentLength);

        // Pre-size from the declared length, but never trust it for more than 1 MB up front.
        using var buffer = new MemoryStream(contentLength is { } declared ? (int)Math.Min(declared, 1 << 20) : 0);
        var chunk = new byte[81920];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > maxBytes) return new BoundedBody(null, true, contentLength);
            buffer.Write(chunk, 0, read);
        }

        return new BoundedBody(buffer.ToArray(), false, contentLength);
    }
}
