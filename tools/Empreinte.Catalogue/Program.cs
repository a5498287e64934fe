using System.Globalization;
using Empreinte.Catalogue;

// Builds shared/Empreinte.Domain/Factors/Data/machine_types.csv from public machine-readable sources (see
// docs/methodology/catalogue.md):
//   dotnet run --project tools/Empreinte.Catalogue -c Release -- --ccf <CCF checkout or bare git dir> --boavizta <BoaviztAPI ...>
//     [--gcp-machine-types <Cyclenerd/google-cloud-pricing-cost-calculator ...>] [--repo .]
// Rows of curated_machine_types.csv (this folder) come first, as written; then every CCF, Boavizta and Compute Engine API type they lack.
var options = Options.Parse(args);
if (options is null)
{
    Console.Error.WriteLine("usage: empreinte-catalogue --ccf <dir> --boavizta <dir> [--gcp-machine-types <dir>] [--repo <repository root>]");
    return 2;
}

var ccf = new SourceTree("cloud-carbon-footprint", options.Ccf);
var boavizta = new SourceTree("boaviztapi", options.Boavizta);
var gcpMachineTypes = options.GcpMachineTypes is null ? null : new SourceTree("google-cloud-pricing-cost-calculator", options.GcpMachineTypes);
var repo = options.Repo;
var curatedPath = Path.Combine(repo, "tools", "Empreinte.Catalogue", "curated_machine_types.csv");
var outputPath = Path.Combine(repo, "shared", "Empreinte.Domain", "Factors", "Data", "machine_types.csv");
var ccfNamesPath = Path.Combine(repo, "tests", "Empreinte.Domain.Tests", "Data", "ccf_machine_types.csv");

var build = CatalogueBuilder.Build(File.ReadAllText(curatedPath), ccf, boavizta, gcpMachineTypes);
File.WriteAllText(outputPath, build.MachineTypesCsv);
Directory.CreateDirectory(Path.GetDirectoryName(ccfNamesPath)!);
File.WriteAllText(ccfNamesPath, build.CcfNamesCsv);

Console.WriteLine($"sources: CCF {ccf.Commit} ({ccf.Date}), BoaviztAPI {boavizta.Commit} ({boavizta.Date})"
    + (gcpMachineTypes is null ? "" : $", google-cloud-pricing-cost-calculator {gcpMachineTypes.Commit} ({gcpMachineTypes.Date})"));
foreach (var (provider, counts) in build.Counts.OrderBy(c => c.Key, StringComparer.Ordinal))
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{provider}: {counts.Total} rows ({counts.Curated} curated, {counts.Added} from sources); CCF lists {counts.CcfListed}, known {counts.CcfKnown}"));
Console.WriteLine($"wrote {outputPath} and {ccfNamesPath}");
return 0;

internal sealed record Options(string Ccf, string Boavizta, string? GcpMachineTypes, string Repo)
{
    public static Options? Parse(string[] args)
    {
        string? ccf = null, boavizta = null, gcp = null, repo = ".";
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            switch (args[i])
            {
                case "--ccf": ccf = args[i + 1]; break;
                case "--boavizta": boavizta = args[i + 1]; break;
                case "--gcp-machine-types": gcp = args[i + 1]; break;
                case "--repo": repo = args[i + 1]; break;
                default: return null;
            }
        }

        return ccf is null || boavizta is null ? null : new Options(ccf, boavizta, gcp, repo);
    }
}
