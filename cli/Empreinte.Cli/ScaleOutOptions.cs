using System.Globalization;
using System.Runtime.InteropServices;
using Empreinte.Application.Importing;
using Empreinte.RabbitMq;

namespace Empreinte.Cli;

/// <summary>
/// <c>serve --http</c>: where it listens and who may post. Every POST must carry
/// <c>Authorization: Bearer TOKEN</c>; requests naming a host other than loopback or
/// <paramref name="AllowedHosts"/> (in <c>Host</c> or <c>Origin</c>) are refused, so that a web page
/// cannot post imports through the user's browser (cross-site form posts, DNS rebinding).
/// </summary>
internal sealed record ServeHttpOptions(int Port, string Token, IReadOnlyList<string> AllowedHosts, long MaxBodyBytes)
{
    public const string TokenVariable = "EMPREINTE_TOKEN";

    /// <summary>Long enough not to be guessed over HTTP (16 random characters or more).</summary>
    public const int MinimumTokenLength = 16;

    /// <summary>Exports are streamed to disk, so the limit is about disk, not memory.</summary>
    public const long DefaultMaxBodyBytes = 2L * 1024 * 1024 * 1024;
}

/// <summary>Arguments of <c>worker</c> and <c>serve</c> (self-hosted scale-out over RabbitMQ).</summary>
internal sealed record ScaleOutOptions(Uri RabbitMq, string? OutputDirectory, string? TablesConnection, string? WatchDirectory, int BatchSize, int PrefetchCount, ServeHttpOptions? Http = null)
{
    public static bool TryParse(string command, ReadOnlySpan<string> args, out ScaleOutOptions options, out string problem, Func<string, string?>? environment = null)
    {
        options = null!;
        var rabbit = RabbitMqOptions.LocalHost;
        string? output = null, tables = null, watch = null, token = null;
        int batchSize = ImportService.DefaultBatchSize, prefetch = new RabbitMqOptions(rabbit).PrefetchCount;
        int? httpPort = null;
        long maxBodyBytes = ServeHttpOptions.DefaultMaxBodyBytes;
        var allowedHosts = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            if (i + 1 >= args.Length)
            {
                problem = $"option {args[i]} needs a value.";
                return false;
            }

            var (arg, value) = (args[i], args[++i]);
            switch (arg)
            {
                case "--rabbitmq" when Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme is "amqp" or "rabbitmq":
                    rabbit = uri;
                    break;
                case "--rabbitmq":
                    problem = $"--rabbitmq must be an amqp:// address, not '{value}'.";
                    return false;
                case "--out" when command == "worker": output = value; break;
                case "--tables" when command is "worker" or "serve": tables = value; break;
                case "--watch" when command == "serve": watch = value; break;
                case "--http" when command == "serve" && PositiveInt(value, out var port) && port <= ushort.MaxValue: httpPort = port; break;
                case "--token" when command == "serve": token = value; break;
                case "--allow-host" when command == "serve" && Uri.CheckHostName(value) != UriHostNameType.Unknown: allowedHosts.Add(value); break;
                case "--max-upload-mb" when command == "serve" && PositiveInt(value, out var megabytes): maxBodyBytes = megabytes * 1024L * 1024; break;
                case "--batch-size" when command == "serve" && PositiveInt(value, out var size): batchSize = size; break;
                case "--prefetch" when command == "worker" && PositiveInt(value, out var count): prefetch = count; break;
                default:
                    problem = $"unknown option {arg} {value} for {command}.";
                    return false;
            }
        }

        if (command == "worker" && output is null && tables is null)
        {
            problem = "worker needs --tables CONNECTION (or --out DIR for a single local worker).";
            return false;
        }

        if (command == "serve" && watch is null)
        {
            problem = "serve needs --watch DIR (the folder whose new exports are imported).";
            return false;
        }

        ServeHttpOptions? http = null;
        if (httpPort is { } listenPort)
        {
            token ??= (environment ?? Environment.GetEnvironmentVariable)(ServeHttpOptions.TokenVariable);
            if (string.IsNullOrWhiteSpace(token) || token.Trim().Length < ServeHttpOptions.MinimumTokenLength)
            {
                problem = $"serve --http needs a token of {ServeHttpOptions.MinimumTokenLength} characters or more in {ServeHttpOptions.TokenVariable} (or --token); clients send it as 'Authorization: Bearer TOKEN'.";
                return false;
            }

            http = new ServeHttpOptions(listenPort, token.Trim(), allowedHosts, maxBodyBytes);
        }

        options = new ScaleOutOptions(rabbit, output, tables, watch, batchSize, prefetch, http);
        problem = "";
        return true;
    }

    private static bool PositiveInt(string value, out int result) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out result) && result > 0;
}

/// <summary>Ctrl+C (SIGINT), SIGTERM and SIGQUIT stop a long-running command cleanly: the bus is stopped, the sink flushed.</summary>
internal sealed class Shutdown : IDisposable
{
    private readonly CancellationTokenSource _stop;
    private readonly PosixSignalRegistration[] _signals;

    private Shutdown(CancellationToken outer)
    {
        _stop = CancellationTokenSource.CreateLinkedTokenSource(outer);
        _signals = [.. new[] { PosixSignal.SIGINT, PosixSignal.SIGTERM, PosixSignal.SIGQUIT }.Select(signal => PosixSignalRegistration.Create(signal, context =>
        {
            context.Cancel = true;
            _stop.Cancel();
        }))];
    }

    public CancellationToken Token => _stop.Token;

    public bool IsCancellationRequested => _stop.IsCancellationRequested;

    public static Shutdown OnSignal(CancellationToken outer) => new(outer);

    public void Dispose()
    {
        foreach (var signal in _signals) signal.Dispose();
        _stop.Dispose();
    }
}
