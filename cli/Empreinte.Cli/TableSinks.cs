using Empreinte.Application.Results;

namespace Empreinte.Cli;

/// <summary>Builds the Table Storage sink for <c>--tables</c>.</summary>
internal static class TableSinks
{
    public static IEstimateSink Create(string connectionString) =>
        throw new InvalidOperationException($"--tables is not available in this build (connection '{connectionString.Split(';')[0]}…').");
}
