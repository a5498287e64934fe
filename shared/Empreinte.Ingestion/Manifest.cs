using System.Text.Json;

namespace Empreinte.Ingestion;

/// <summary>
/// Export manifests that stand for several data files: Azure Cost Management <c>manifest.json</c>
/// (<c>blobs[].blobName</c>, partitioned exports) and the AWS CUR <c>*-Manifest.json</c> (<c>reportKeys</c>).
/// Listed paths are container/bucket keys; they are resolved against the manifest's folder, first as
/// written (relative), then by their last segments, then by file name, so a downloaded export folder works as is.
/// </summary>
public static class Manifest
{
    public static bool TryRead(string path, out IReadOnlyList<string> parts)
    {
        parts = [];
        if (!path.EndsWith(".json", StringComparison.OrdinalIgnoreCase) || !Path.GetFileName(path).Contains("manifest", StringComparison.OrdinalIgnoreCase))
            return false;
        JsonDocument document;
        try
        {
            using var stream = File.OpenRead(path);
            document = JsonDocument.Parse(stream);
        }
        catch (JsonException e)
        {
            throw new ExportFormatException($"{Path.GetFileName(path)}: invalid manifest JSON ({e.Message}).");
        }

        using (document)
        {
            var root = document.RootElement;
            var keys = new List<string>();
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("blobs", out var blobs) && blobs.ValueKind == JsonValueKind.Array)
            {
                foreach (var blob in blobs.EnumerateArray())
                    if (blob.TryGetProperty("blobName", out var name) && name.GetString() is { Length: > 0 } n) keys.Add(n);
            }
            else if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("reportKeys", out var reportKeys) && reportKeys.ValueKind == JsonValueKind.Array)
            {
                foreach (var key in reportKeys.EnumerateArray())
                    if (key.GetString() is { Length: > 0 } k) keys.Add(k);
            }
            else
            {
                return false;
            }

            var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
            parts = [.. keys.Select(k => Resolve(folder, k))];
            return true;
        }
    }

    private static string Resolve(string folder, string key)
    {
        var segments = key.Replace('\\', '/').Split('/', StringSplitOptions.RemoveEmptyEntries);
        // Longest suffix first: "exports/daily/x/20240101-20240131/run/part_0_0001.csv.gz" … "part_0_0001.csv.gz".
        for (var skip = 0; skip < segments.Length; skip++)
        {
            var candidate = Path.Combine([folder, .. segments[skip..]]);
            if (File.Exists(candidate)) return candidate;
        }

        return Path.Combine(folder, segments.Length == 0 ? key : segments[^1]);
    }
}
