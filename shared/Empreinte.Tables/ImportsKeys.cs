using System.Globalization;

namespace Empreinte.Tables;

/// <summary>
/// Keys of the imports table: one entity per import, alone in its partition, so the progress
/// updates of one import never contend with another's.
/// </summary>
public static class ImportsKeys
{
    public const string RowKey = "import";

    public static string PartitionKey(Guid importId) => importId.ToString("N", CultureInfo.InvariantCulture);
}
