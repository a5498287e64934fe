using System.Reflection;
using Spectre.Console;

namespace Empreinte.Cli;

/// <summary>
/// The flags every command understands, taken out of the arguments before a command parses its own
/// options: <c>--help</c>/<c>-h</c>, <c>--version</c>, <c>--quiet</c>/<c>-q</c> (nothing on stdout but
/// what was asked for) and <c>--json</c> (one JSON document on stdout, nothing else).
/// </summary>
internal sealed record OutputFlags(bool Help, bool Version, bool Quiet, bool Json)
{
    public static OutputFlags None { get; } = new(false, false, false, false);

    /// <summary>Only a table or JSON the user asked for goes to stdout: no progress, no decoration.</summary>
    public bool Silent => Quiet || Json;

    public static (OutputFlags Flags, string[] Remaining) Extract(string[] args)
    {
        bool help = false, version = false, quiet = false, json = false;
        var rest = new List<string>(args.Length);
        var afterSeparator = false;
        foreach (var arg in args)
        {
            // After "--" everything is a file name, even "--json".
            if (afterSeparator || arg == "--")
            {
                afterSeparator = true;
                rest.Add(arg);
                continue;
            }

            switch (arg)
            {
                case "--help" or "-h": help = true; break;
                case "--version": version = true; break;
                case "--quiet" or "-q": quiet = true; break;
                case "--json": json = true; break;
                default: rest.Add(arg); break;
            }
        }

        return (new OutputFlags(help, version, quiet, json), [.. rest]);
    }
}

/// <summary>The help printed by <c>--help</c>, per command, each with examples and the exit codes.</summary>
internal static class HelpText
{
    public static string InformationalVersion =>
        typeof(HelpText).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    private const string ExitCodes = """
        exit codes:
          0  success
          2  bad arguments (one line on stderr)
          3  an input that cannot be read or recognised (one line on stderr naming the file)
          4  a processing failure (a calculator or sink still failing after its retries)
          130  interrupted (Ctrl-C or SIGTERM); the previous outputs are left untouched
        """;

    private const string Common = """
        common options:
          -h, --help     this help
          --version      the version of empreinte
          -q, --quiet    nothing on stdout (errors still go to stderr)
          --json         a JSON document on stdout and nothing else (estimate, factors)
          NO_COLOR=1     environment variable: no colours
        """;

    public const string General = """
        empreinte — cloud and AI billing exports to an environmental footprint (energy, carbon, water, materials; low/central/high)

        usage: empreinte <command> [options]     empreinte <command> --help for its options and examples

        commands:
          estimate   estimate the footprint of export files (FOCUS, Azure, AWS CUR, GCP, OCI, OpenAI)
          factors    list the factor set: tables, rows, sources and licences
          worker     consume batches from RabbitMQ (self-hosted scale-out)
          serve      import files dropped in a folder or POSTed over HTTP, through RabbitMQ

        examples:
          empreinte estimate samples/focus-1.0-small.csv --out out
          empreinte factors
        """;

    public const string Estimate = """
        usage: empreinte estimate <export files or folders...> --out DIR [--lines parquet|csv|none] [--tables CONNECTION] [--format NAME] [--profile default|ccf] [--batch-size 1..100000] [--quiet | --json] [-- files named -x...]

        Writes DIR/summary.json, DIR/lines.parquet (one row per input line), DIR/unmapped.csv, DIR/recommendations.csv
        and DIR/report.html, and prints the totals (low, central, high).
        A progress bar with rows/s and the time left shows on a terminal when the inputs exceed 4 MB.

        options:
          --out DIR            where the outputs go (required; replaced whole, or left as it was if the run fails)
          --lines FORMAT       the per-line file: parquet (lines.parquet, typed columns; the default), csv (lines.csv) or none
          --tables CONNECTION  also write to Azure Table Storage ("UseDevelopmentStorage=true" for Azurite)
          --format NAME        force a reader instead of detecting it from the header
          --profile NAME       default (ranges, market-based) or ccf (Cloud Carbon Footprint's coefficients)
          --batch-size N       usage lines per batch (1 to 100000)
          -- FILES             everything after -- is a file name

        examples:
          empreinte estimate samples/focus-1.0-small.csv --out out
          empreinte estimate exports/ --out out --profile ccf
          empreinte estimate cost.csv --out out --lines csv
          empreinte estimate cost.csv.gz --out out --json | jq '.totals.carbonLocationKgCo2e'
        """;

    public const string Factors = """
        usage: empreinte factors [--json]

        Lists the factor set embedded in this build: each table with its rows, sources and licences.

        examples:
          empreinte factors
          empreinte factors --json | jq '.tables[] | {name, rows}'
        """;

    public const string Worker = """
        usage: empreinte worker [--rabbitmq amqp://…] (--tables CONNECTION | --out DIR) [--prefetch N]

        Consumes batches from RabbitMQ and writes results; run as many as needed (competing consumers).

        examples:
          empreinte worker --out results
          empreinte worker --rabbitmq amqp://guest:guest@broker:5672 --tables "UseDevelopmentStorage=true"
        """;

    public const string Serve = """
        usage: empreinte serve [--rabbitmq amqp://…] --watch DIR [--tables CONNECTION] [--http PORT [--token TOKEN] [--allow-host NAME]… [--max-upload-mb N]] [--batch-size N]

        Imports files dropped in DIR (moved to DIR/done or DIR/failed) and, with --http, files POSTed to
        http://127.0.0.1:PORT/imports, sending their batches to the workers over RabbitMQ. Each import
        done gets its report.html (GET /imports/NAME/report?lang=en|fr) and, with --tables, its
        recommendations in the EmpreinteRecommendations table.

        examples:
          empreinte serve --watch inbox
          empreinte serve --watch inbox --http 8080
        """;

    public static string For(string? command) => (command switch
    {
        "estimate" => Estimate,
        "factors" => Factors,
        "worker" => Worker,
        "serve" => Serve,
        _ => General,
    }) + Environment.NewLine + Common + Environment.NewLine + ExitCodes;

    /// <summary>Writes help as plain text: it holds brackets that are not markup.</summary>
    public static void Write(IAnsiConsole console, string? command) => console.Profile.Out.Writer.Write(For(command));
}
