using System.Globalization;
using System.Text.RegularExpressions;

namespace Empreinte.Catalogue;

/// <summary>
/// The machine tables of Cloud Carbon Footprint's TypeScript sources, read as data: every
/// <c>export const NAME = { ... }</c> object becomes entries of (group, key, value text), where group is the
/// enclosing family object when the table nests one (<c>EC2_INSTANCE_TYPES.m5.large</c>).
/// </summary>
internal static partial class CcfTables
{
    public sealed record Entry(string Table, string? Group, string Key, string Value);

    public static List<Entry> Parse(string typescript)
    {
        var entries = new List<Entry>();
        string? table = null;
        string? group = null;
        foreach (var raw in typescript.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (TableStart().Match(line) is { Success: true } t) { table = t.Groups["name"].Value; group = null; continue; }
            if (table is null) continue;
            if (line.Trim() is "}" or "};") { table = null; continue; }
            if (GroupStart().Match(line) is { Success: true } g) { group = Unquote(g.Groups["key"].Value); continue; }
            if (GroupEnd().IsMatch(line)) { group = null; continue; }
            if (EntryLine().Match(line) is { Success: true } e)
                entries.Add(new Entry(table, group, Unquote(e.Groups["key"].Value), e.Groups["value"].Value.Trim()));
        }

        return entries;
    }

    /// <summary>The numbers of an entry value such as <c>[2, 8, 1.3440944]</c> or <c>4</c>.</summary>
    public static double[] Numbers(string value) => [.. Number().Matches(value).Select(m => double.Parse(m.Value, CultureInfo.InvariantCulture))];

    /// <summary>
    /// CCF's processor names (<c>COMPUTE_PROCESSOR_TYPES</c> members and the named arrays of them in core's
    /// ComputeProcessorTypes.ts), for resolving an entry such as <c>[COMPUTE_PROCESSOR_TYPES.ICELAKE]</c> or <c>cascadeLakeSkylake</c>.
    /// </summary>
    public sealed class ProcessorNames
    {
        private readonly Dictionary<string, string> _members = new(StringComparer.Ordinal);
        private readonly Dictionary<string, string[]> _arrays = new(StringComparer.Ordinal);

        public ProcessorNames(string computeProcessorTypesTs)
        {
            foreach (Match m in EnumMember().Matches(computeProcessorTypesTs)) _members[m.Groups["name"].Value] = m.Groups["value"].Value;
            foreach (Match m in NamedArray().Matches(computeProcessorTypesTs))
                _arrays[m.Groups["name"].Value] = [.. MemberReference().Matches(m.Groups["body"].Value).Select(r => _members.GetValueOrDefault(r.Groups["name"].Value, r.Groups["name"].Value))];
        }

        public string[] Resolve(string value)
        {
            var names = MemberReference().Matches(value).Select(r => _members.GetValueOrDefault(r.Groups["name"].Value, r.Groups["name"].Value)).ToList();
            foreach (Match word in Identifier().Matches(value))
                if (_arrays.TryGetValue(word.Value, out var array)) names.AddRange(array);
            return [.. names.Distinct()];
        }
    }

    private static string Unquote(string key) => key.Trim('\'', '"');

    [GeneratedRegex(@"^export const (?<name>[A-Z0-9_]+)\b")]
    private static partial Regex TableStart();

    [GeneratedRegex(@"^  (?<key>'[^']+'|[A-Za-z0-9_.-]+): \{")]
    private static partial Regex GroupStart();

    [GeneratedRegex(@"^  \},?\s*$")]
    private static partial Regex GroupEnd();

    [GeneratedRegex(@"^\s+(?<key>'[^']+'|[A-Za-z0-9_.-]+): (?<value>[^{].*?),?\s*(?://.*)?$")]
    private static partial Regex EntryLine();

    [GeneratedRegex(@"-?\d+(?:\.\d+)?")]
    private static partial Regex Number();

    [GeneratedRegex(@"^\s+(?<name>[A-Z0-9_]+) = '(?<value>[^']+)'", RegexOptions.Multiline)]
    private static partial Regex EnumMember();

    [GeneratedRegex(@"export const (?<name>[a-zA-Z0-9]+) = \[(?<body>[^\]]*)\]", RegexOptions.Singleline)]
    private static partial Regex NamedArray();

    [GeneratedRegex(@"COMPUTE_PROCESSOR_TYPES\.(?<name>[A-Z0-9_]+)")]
    private static partial Regex MemberReference();

    [GeneratedRegex(@"\b[a-z][A-Za-z0-9]+\b")]
    private static partial Regex Identifier();
}
