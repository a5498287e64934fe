using System.Diagnostics;
using System.Globalization;
using Empreinte.Generator;

// empreinte-generator (focus | azure-ea) --rows N [--seed S] --out FILE.csv
// Writes FILE.csv (FOCUS 1.0, or Azure EA cost details) and FILE.truth.json (rows, quantities and cost per kind).
const string usage = "usage: empreinte-generator (focus | azure-ea) --rows N [--seed S] --out FILE.csv";
if (args.Length == 0 || args[0] is not ("focus" or "azure-ea"))
{
    await Console.Error.WriteLineAsync(usage);
    return 2;
}

long rows = 0;
var seed = 42;
string? output = null;
for (var i = 1; i + 1 < args.Length; i += 2)
{
    switch (args[i])
    {
        case "--rows" when long.TryParse(args[i + 1].Replace("_", "", StringComparison.Ordinal), NumberStyles.None, CultureInfo.InvariantCulture, out var r) && r > 0: rows = r; break;
        case "--seed" when int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var s): seed = s; break;
        case "--out": output = args[i + 1]; break;
        default:
            await Console.Error.WriteLineAsync($"empreinte-generator: bad option {args[i]} {args[i + 1]}. {usage}");
            return 2;
    }
}

if (rows == 0 || output is null)
{
    await Console.Error.WriteLineAsync(usage);
    return 2;
}

var clock = Stopwatch.StartNew();
var truthPath = GeneratedFile.Write(output, rows, seed, args[0]);
Console.WriteLine($"wrote {rows:N0} rows to {output} ({new FileInfo(output).Length / 1e6:N0} MB) and {truthPath} in {clock.Elapsed.TotalSeconds:N1} s");
return 0;
