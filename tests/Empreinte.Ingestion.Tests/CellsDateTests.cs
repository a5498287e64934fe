namespace Empreinte.Ingestion.Tests;

/// <summary>The date fast path agrees with the general parser and rejects impossible dates.</summary>
public class CellsDateTests
{
    [Theory]
    [InlineData("2024-09-18 22:00:00", 2024, 9, 18, 22)]
    [InlineData("2024-09-18T22:00:00Z", 2024, 9, 18, 22)]
    [InlineData("2024-02-29T00:00:00Z", 2024, 2, 29, 0)]
    [InlineData("2024-09-18T22:00:00.000Z", 2024, 9, 18, 22)]
    [InlineData("09/18/2024", 2024, 9, 18, 0)]
    public void Date_CommonForms_AreUtc(string text, int year, int month, int day, int hour)
    {
        Assert.True(Cells.TryDate(text, out var date));
        Assert.Equal(new DateTimeOffset(year, month, day, hour, 0, 0, TimeSpan.Zero), date);
    }

    [Theory]
    [InlineData("2023-02-29 00:00:00")]
    [InlineData("2024-09-18 30:00:00")]
    [InlineData("2024-13-01T00:00:00Z")]
    [InlineData("2024-09-18X22:00:00")]
    public void Date_Impossible_IsRejected(string text) => Assert.False(Cells.TryDate(text, out _));
}
