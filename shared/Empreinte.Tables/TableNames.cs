namespace Empreinte.Tables;

/// <summary>
/// The names of Empreinte's four tables. The defaults are what Power BI and the Bicep expect;
/// tests and side-by-side deployments use <see cref="WithPrefix"/> to get their own set.
/// </summary>
public sealed record TableNames(string Lines, string Monthly, string Imports, string Unmapped)
{
    public static TableNames Default { get; } = WithPrefix("Empreinte");

    /// <summary>Names <c>{prefix}Lines</c>, <c>{prefix}Monthly</c>, …; table names are alphanumeric and start with a letter.</summary>
    public static TableNames WithPrefix(string prefix) =>
        new(prefix + "Lines", prefix + "Monthly", prefix + "Imports", prefix + "Unmapped");
}
