using System.Text.Json.Serialization;

namespace Empreinte.Contracts;

/// <summary>A batch of classified usage lines of one import, ready for the calculators.</summary>
/// <param name="Lines">On the wire as a string table and one array per line (<see cref="UsageLinesJsonConverter"/>).</param>
/// <param name="Profile">The calculation profile of the import: <c>default</c> or <c>ccf</c>.</param>
public sealed record UsageBatchParsed(
    Guid ImportId,
    int BatchNumber,
    [property: JsonConverter(typeof(UsageLinesJsonConverter))] IReadOnlyList<UsageLine> Lines,
    string Profile = "default");
