using System.Buffers;
using Empreinte.Contracts;
using Empreinte.Domain.Usage;

namespace Empreinte.Domain.Recommendations;

/// <summary>
/// The candidate groups of an import, accumulated while lines flow: one <see cref="CandidateGroup"/>
/// per distinct <see cref="CandidateKey"/>, so memory grows with the number of distinct
/// classifications, never with the number of lines. Every mapped line is kept, cost proxies too:
/// moving a region moves them as well, and the calculators re-estimate them the same way. Not
/// thread-safe: callers serialise.
/// </summary>
public sealed class RecommendationCandidates
{
    /// <summary>Above this many groups new keys are counted in <see cref="Dropped"/> instead of kept: a bound, not a silent loss.</summary>
    public const int MaxGroups = 200_000;

    private static readonly SearchValues<string> s_devTestWords = SearchValues.Create(
        ["dev", "test", "staging", "sandbox", "nonprod", "non-prod", "preprod", "uat", "qa-", "-qa", "recette"], StringComparison.OrdinalIgnoreCase);

    private readonly Dictionary<CandidateKey, CandidateGroup> _groups = [];

    public IEnumerable<CandidateGroup> Groups => _groups.Values;

    public int Count => _groups.Count;

    /// <summary>Lines of groups not kept because <see cref="MaxGroups"/> was reached.</summary>
    public long Dropped { get; private set; }

    public void Add(UsageLine line)
    {
        if (line.Status != LineStatuses.Mapped) return;
        var key = new CandidateKey(
            line.Provider, line.SubAccountName ?? line.SubAccountId, line.ServiceName, line.ServiceCategory, line.RegionId, line.UsageKind,
            line.InstanceType, line.VCpus, line.MemoryGb, line.CpuMicroarchitecture, line.GpuModel, line.GpuCount, line.HostVCpus, line.HostMemoryGb,
            line.StorageMedia, line.ReplicationFactor, line.AiModel, line.AiDeployment, line.Currency, JoinedFlags(line.Flags),
            LooksDevTest(line));
        if (!_groups.TryGetValue(key, out var group))
        {
            if (_groups.Count >= MaxGroups)
            {
                Dropped++;
                return;
            }

            _groups[key] = group = new CandidateGroup(key);
        }

        group.Add(line);
    }

    // Consecutive lines usually share their flag list and their pooled sub-account and tag strings
    // (same instances): remember the last answers instead of joining and searching on every line.
    private IReadOnlyList<string>? _lastFlags;
    private string _lastJoinedFlags = "";
    private (string? Name, string? Id, string? Tags) _lastMarkers;
    private bool _lastLooksDevTest;

    private string JoinedFlags(IReadOnlyList<string> flags)
    {
        if (!ReferenceEquals(flags, _lastFlags))
        {
            _lastFlags = flags;
            _lastJoinedFlags = string.Join('|', flags);
        }

        return _lastJoinedFlags;
    }

    private bool LooksDevTest(UsageLine line)
    {
        var markers = (line.SubAccountName, line.SubAccountId, line.Tags);
        if (!ReferenceEquals(markers.SubAccountName, _lastMarkers.Name) || !ReferenceEquals(markers.SubAccountId, _lastMarkers.Id) || !ReferenceEquals(markers.Tags, _lastMarkers.Tags))
        {
            _lastMarkers = markers;
            _lastLooksDevTest = LooksDevTest(line.SubAccountName) || LooksDevTest(line.SubAccountId) || LooksDevTest(line.Tags);
        }

        return _lastLooksDevTest;
    }

    /// <summary>A heuristic: names and tags that usually mark non-production environments.</summary>
    public static bool LooksDevTest(string? text) => !string.IsNullOrEmpty(text) && text.AsSpan().ContainsAny(s_devTestWords);
}
