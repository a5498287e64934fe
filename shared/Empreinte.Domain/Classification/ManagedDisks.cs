using System.Text.RegularExpressions;
using Empreinte.Domain.Usage;

namespace Empreinte.Domain.Classification;

/// <summary>
/// Azure managed disks are billed per disk-month by tier (<c>P10 LRS Disk</c>, <c>E2 Disks</c>, <c>S4 Disks</c>):
/// the tier gives the provisioned size in GiB (Azure managed disk pricing/tier tables; the size per tier
/// number is the same for Premium SSD P, Standard SSD E and Standard HDD S).
/// </summary>
public static partial class ManagedDisks
{
    private static readonly Dictionary<int, double> s_gib = new()
    {
        [1] = 4,
        [2] = 8,
        [3] = 16,
        [4] = 32,
        [6] = 64,
        [10] = 128,
        [15] = 256,
        [20] = 512,
        [30] = 1024,
        [40] = 2048,
        [50] = 4096,
        [60] = 8192,
        [70] = 16384,
        [80] = 32767,
    };

    /// <summary>(GB per disk, media) for a disk meter, or null when the text names no tier.</summary>
    public static (double Gb, string Media)? Tier(string text)
    {
        var m = TierWord().Match(text);
        if (!m.Success || !s_gib.TryGetValue(int.Parse(m.Groups["n"].Value, System.Globalization.CultureInfo.InvariantCulture), out var gib)) return null;
        var media = m.Groups["t"].Value is "S" ? "hdd" : "ssd";
        return (gib * Units.GbPerGib, media);
    }

    [GeneratedRegex(@"\b(?<t>[PES])(?<n>\d{1,2})\b(?= (?:LRS|ZRS|Disks?|- Disks?)|\s*$| LRS| ZRS)", RegexOptions.CultureInvariant)]
    private static partial Regex TierWord();
}
