using Empreinte.Cli;
using Spectre.Console;

return await CommandLine.RunAsync(args, AnsiConsole.Console, Console.Error, CancellationToken.None);
