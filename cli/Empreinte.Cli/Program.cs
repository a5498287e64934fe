using Empreinte.Cli;
using Spectre.Console;

// NO_COLOR (https://no-color.org): any non-empty value turns colours off; styles such as bold stay.
var console = AnsiConsole.Create(new AnsiConsoleSettings
{
    ColorSystem = string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR")) ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
});
using var telemetry = OtlpExport.StartIfConfigured();
return await CommandLine.RunAsync(args, console, Console.Error, CancellationToken.None);
