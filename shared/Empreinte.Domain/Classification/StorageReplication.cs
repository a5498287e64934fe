using System.Buffers;

namespace Empreinte.Domain.Classification;

/// <summary>
/// Replication factors of storage services (CCF REPLICATION_FACTORS, methodology-anchors §1.5):
/// the bytes a provider physically stores for each byte billed.
/// </summary>
public static class StorageReplication
{
    // Case-insensitive word sets, searched in one vectorised pass each (this runs on every storage row).
    private static readonly SearchValues<string> s_awsTwoCopies = Words("One Zone", "Reduced Redundancy");
    private static readonly SearchValues<string> s_awsS3 = Words("Simple Storage Service", "S3");
    private static readonly SearchValues<string> s_awsSnapshot = Words("Snapshot");
    private static readonly SearchValues<string> s_awsEfs = Words("Elastic File System", "EFS");
    private static readonly SearchValues<string> s_awsEbs = Words("EBS", "Elastic Compute Cloud", "Volume");
    private static readonly SearchValues<string> s_azureGeo = Words("GZRS", "GRS");
    private static readonly SearchValues<string> s_azureLocal = Words("LRS", "ZRS");
    private static readonly SearchValues<string> s_azureDisk = Words("Managed Disk", "Disk");
    private static readonly SearchValues<string> s_gcp = Words("Cloud Storage", "Regional", "Filestore");

    public static int For(string provider, string serviceText, out bool assumed)
    {
        assumed = false;
        var t = serviceText.AsSpan();

        switch (provider)
        {
            case Usage.Providers.Aws:
                if (t.ContainsAny(s_awsTwoCopies)) return 2;
                if (t.ContainsAny(s_awsS3)) return 6;
                if (t.ContainsAny(s_awsSnapshot)) return 3;
                if (t.ContainsAny(s_awsEfs)) return 3;
                if (t.ContainsAny(s_awsEbs)) return 2;
                break;
            case Usage.Providers.Azure:
                if (t.ContainsAny(s_azureGeo)) return 6;
                if (t.ContainsAny(s_azureLocal)) return 3;
                if (t.ContainsAny(s_azureDisk)) return 3;
                break;
            case Usage.Providers.Gcp:
                if (t.ContainsAny(s_gcp)) return 2;
                break;
        }

        assumed = true;
        return 1;
    }

    private static SearchValues<string> Words(params string[] words) => SearchValues.Create(words, StringComparison.OrdinalIgnoreCase);
}
