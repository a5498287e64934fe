namespace Empreinte.Domain.Classification;

/// <summary>
/// Replication factors of storage services (CCF REPLICATION_FACTORS, methodology-anchors §1.5):
/// the bytes a provider physically stores for each byte billed.
/// </summary>
public static class StorageReplication
{
    public static int For(string provider, string serviceText, out bool assumed)
    {
        assumed = false;
        var t = serviceText;
        bool Has(string word) => t.Contains(word, StringComparison.OrdinalIgnoreCase);

        switch (provider)
        {
            case Usage.Providers.Aws:
                if (Has("One Zone") || Has("Reduced Redundancy")) return 2;
                if (Has("Simple Storage Service") || Has("S3")) return 6;
                if (Has("Snapshot")) return 3;
                if (Has("Elastic File System") || Has("EFS")) return 3;
                if (Has("EBS") || Has("Elastic Compute Cloud") || Has("Volume")) return 2;
                break;
            case Usage.Providers.Azure:
                if (Has("GZRS") || Has("GRS")) return 6;
                if (Has("LRS") || Has("ZRS")) return 3;
                if (Has("Managed Disk") || Has("Disk")) return 3;
                break;
            case Usage.Providers.Gcp:
                if (Has("Cloud Storage") || Has("Regional") || Has("Filestore")) return 2;
                break;
        }

        assumed = true;
        return 1;
    }
}
