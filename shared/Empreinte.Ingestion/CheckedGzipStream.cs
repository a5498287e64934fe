using System.Buffers.Binary;
using System.IO.Compression;

namespace Empreinte.Ingestion;

/// <summary>
/// Decompresses a <c>.gz</c> file and fails when the data ends early. .NET's <see cref="GZipStream"/>
/// reports a truncated file (a download cut short) as a normal end of data, so the rows before the
/// cut were imported and the rest lost without a word (found by the fault suite's fuzzed files).
/// At the end this compares the bytes decompressed with the size the gzip trailer records (its last
/// four bytes, modulo 2³²); a truncated file ends in compressed bytes, which almost never match.
/// A concatenated (multi-member) gzip records only its last member's size there and is rejected
/// too: exports are written as one member.
/// Decompression is bounded: past <see cref="MaxRatio"/> times the compressed size (and at least
/// <see cref="MinBoundBytes"/>) the file is rejected as a gzip bomb rather than decompressed on.
/// </summary>
public sealed class CheckedGzipStream : ForwardReadStream
{
    private readonly string _fileName;
    private readonly uint _expectedSize;
    private readonly bool _hasTrailer;
    private readonly long _bound;
    private long _decompressed;

    /// <summary>
    /// Largest decompressed/compressed ratio accepted: billing CSV compresses 10–30× (the generated
    /// FOCUS exports 15× with <c>gzip -9</c>); a run of zeros 230× at the fastest level, 1,000× at the default.
    /// </summary>
    public const long MaxRatio = 100;

    /// <summary>The bound never goes under 64 MiB, so small files are not judged by their ratio alone.</summary>
    public const long MinBoundBytes = 64L << 20;

    // GZipStream reads nothing when it is created, so the trailer can still be read below.
    private CheckedGzipStream(Stream file, string fileName)
        : base(new GZipStream(file, CompressionMode.Decompress))
    {
        _fileName = fileName;
        // The smallest gzip (header 10 + empty deflate block 2 + trailer 8) is 20 bytes.
        _hasTrailer = file.Length >= 20;
        _bound = Math.Max(MinBoundBytes, file.Length * MaxRatio);
        if (_hasTrailer)
        {
            Span<byte> trailer = stackalloc byte[4];
            file.Seek(-4, SeekOrigin.End);
            file.ReadExactly(trailer);
            file.Seek(0, SeekOrigin.Begin);
            _expectedSize = BinaryPrimitives.ReadUInt32LittleEndian(trailer);
        }
    }

    /// <summary>Opens <paramref name="path"/> (seekable: the trailer is read first) for decompression.</summary>
    public static Stream Open(string path) => new CheckedGzipStream(File.OpenRead(path), Path.GetFileName(path));

    /// <summary>
    /// Decompresses <paramref name="gzip"/>, which must be seekable with the gzip data from its first byte
    /// (a buffered upload, a blob read stream), so that the trailer can be read first.
    /// </summary>
    public static Stream Open(Stream gzip, string fileName) => gzip.CanSeek
        ? new CheckedGzipStream(gzip, fileName)
        : throw new ArgumentException("The gzip stream must be seekable to check its trailer.", nameof(gzip));

    public override int Read(Span<byte> buffer)
    {
        int read;
        try
        {
            read = Source.Read(buffer);
        }
        catch (InvalidDataException e)
        {
            throw new ExportFormatException($"{_fileName}: the gzip data is corrupt after {_decompressed:N0} bytes ({e.Message}).");
        }

        _decompressed += read;
        if (_decompressed > _bound)
        {
            throw new ExportFormatException(
                $"{_fileName}: decompresses to more than {_bound:N0} bytes ({MaxRatio}× its compressed size): a gzip bomb, not an export; rejected.");
        }

        if (read == 0 && buffer.Length > 0 && (!_hasTrailer || (uint)_decompressed != _expectedSize))
        {
            throw new ExportFormatException(_hasTrailer
                ? $"{_fileName}: the gzip data ends early: {_decompressed:N0} bytes decompressed, its trailer says {_expectedSize:N0} (a truncated download or copy?)."
                : $"{_fileName}: too short to be a gzip file.");
        }

        return read;
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        await Task.FromResult(Read(buffer.Span)).ConfigureAwait(false);

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();
}
