using Spectre.Console;

namespace Empreinte.Cli;

/// <summary>Dispatches the command line to a command; bad arguments get one line on stderr and exit code 2.</summary>
internal static class CommandLine
{
    public const int Success = 0;
    public const int BadArguments = 2;
    /// <summary>An input that cannot be read, or an <c>--out</c> that cannot be written.</summary>
    public const int BadInput = 3;
    public const int Failed = 4;

    public const string Usage = """
        usage: empreinte estimate <export files or folders...> --out DIR [--tables CONNECTION] [--format NAME] [--profile default|ccf] [--batch-size 1..100000] [--lang en|fr] [-- files named -x...]
               empreinte worker [--rabbitmq amqp://…] (--tables CONNECTION | --out DIR) [--prefetch N]
               empreinte serve  [--rabbitmq amqp://…] --watch DIR [--tables CONNECTION] [--http PORT [--token TOKEN] [--allow-host NAME]… [--max-upload-mb N]] [--batch-size N]
        """;

    public static async Task<int> RunAsync(string[] args, IAnsiConsole console, TextWriter error, CancellationToken cancellationToken)
    {
        var (flags, rest) = OutputFlags.Extract(args);
        if (flags.Version)
        {
            console.Profile.Out.Writer.WriteLine(HelpText.InformationalVersion);
            return Success;
        }

        if (rest.Length > 0 && rest[0] == "help") (flags, rest) = (flags with { Help = true }, rest[1..]);
        if (flags.Help || rest.Length == 0)
        {
            HelpText.Write(flags.Help ? console : ErrorConsole(error), rest.FirstOrDefault());
            return flags.Help ? Success : BadArguments;
        }

        if (flags.Json && rest[0] is not ("estimate" or "factors"))
        {
            await error.WriteLineAsync($"empreinte: --json applies to estimate and factors, not {rest[0]}.");
            return BadArguments;
        }

        args = rest;
        switch (args[0])
        {
            case "factors" when args.Length == 1:
                return new FactorsCommand(console).Run(flags);
            case "factors":
                await error.WriteLineAsync($"empreinte: factors takes no arguments besides --json and --quiet, not '{args[1]}'.");
                return BadArguments;
            case "estimate":
                if (!EstimateOptions.TryParse(args.AsSpan(1), out var options, out var problem))
                {
                    await error.WriteLineAsync($"empreinte: {problem}");
                    return BadArguments;
                }

                return await new EstimateCommand(console, error) { Flags = flags }.RunAsync(options, cancellationToken);
            case "worker" or "serve":
                if (!ScaleOutOptions.TryParse(args[0], args.AsSpan(1), out var scaleOut, out var scaleProblem))
                {
                    await error.WriteLineAsync($"empreinte: {scaleProblem}");
                    return BadArguments;
                }

                return args[0] == "worker"
                    ? await new WorkerCommand(console, error).RunAsync(scaleOut, cancellationToken)
                    : await new ServeCommand(console, error).RunAsync(scaleOut, cancellationToken);
            default:
                await error.WriteLineAsync($"empreinte: unknown command '{args[0]}'. {Usage.Trim()}");
                return BadArguments;
        }
    }

    private static IAnsiConsole ErrorConsole(TextWriter error) => AnsiConsole.Create(new AnsiConsoleSettings
    {
        Out = new AnsiConsoleOutput(error),
        Ansi = AnsiSupport.No,
        ColorSystem = ColorSystemSupport.NoColors,
    });
}
