namespace Empreinte.Ingestion.Tests;

public class FocusSampleTests
{
    [Fact]
    public void FocusMulticloudSample_Reads1000Rows_AsFocus10_WithNoRejects()
    {
        var path = Samples.Path("focus/focus-1.0_sample_1000_multicloud.csv");
        if (path is null) { Assert.Null(Samples.Root); return; }

        var rows = Samples.ReadFile(path, out var format);
        Assert.Equal("focus-1.0", format);
        Assert.Equal(1000, rows.Count);
        Assert.Empty(rows.Where(r => r.Error is not null).Select(r => r.Error!.ToString()));
        Assert.Equal(942, rows.Count(r => r.Record!.Provider == "AWS"));
        Assert.Equal(7, rows.Count(r => r.Record!.Provider == "Oracle"));
    }
}
