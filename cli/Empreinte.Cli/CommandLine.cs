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
               empreinte serve  [--rabbitmq amqp://…] --watch DIR [--http PORT [--token TOKEN] [--allow-host NAME]… [--max-upload-mb N]] [--batch-size N]
        """;

    public static async Task<int> RunAsync(string[] args, IAnsiConsole console, TextWriter error, CancellationToken cancellationToken)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
        {
            console.WriteLine(Usage);
            return args.Length == 0 ? BadArguments : Success;
        }

        switch (args[0])
        {
            case "estimate":
                if (!EstimateOptions.TryParse(args.AsSpan(1), out var options, out var problem))
                {
                    await error.WriteLineAsync($"empreinte: {problem}");
                    return BadArguments;
                }

                return await new EstimateCommand(console, error).RunAsync(options, cancellationToken);
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
}
