using System.Globalization;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Empreinte.Cli;

/// <summary>
/// The progress bar of <c>estimate</c>: rows estimated, rows/s and the time left. Shown only where a
/// person is watching and waiting — stdout a terminal, no <c>--quiet</c>/<c>--json</c>, and inputs
/// above <see cref="MinimumInputBytes"/> — so a short file prints its table straight away and a
/// script's stdout never holds progress frames.
/// </summary>
internal static class ProgressDisplay
{
    /// <summary>Below this (~15,000 FOCUS rows, a second or two) a bar would flash and vanish.</summary>
    public const long MinimumInputBytes = 4L * 1024 * 1024;

    private const int SampleBytes = 1024 * 1024;

    public static bool Wanted(IAnsiConsole console, OutputFlags flags, IReadOnlyList<string> paths) =>
        !flags.Silent && console.Profile.Capabilities.Interactive && console.Profile.Capabilities.Ansi
        && TotalBytes(paths) > MinimumInputBytes;

    public static async Task<T> RunAsync<T>(IAnsiConsole console, OutputFlags flags, IReadOnlyList<string> paths, Func<IProgress<long>?, Task<T>> run)
    {
        if (!Wanted(console, flags, paths)) return await run(null);

        var expectedRows = ExpectedRows(paths);
        return await console.Progress()
            .AutoClear(true)
            .HideCompleted(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RowsPerSecondColumn(), new EtaColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask("estimating", maxValue: expectedRows ?? 1);
                if (expectedRows is null) task.IsIndeterminate();
                var progress = new Progress<long>(rows =>
                {
                    // The row count is estimated from a sample of the file: never let the bar claim done early.
                    if (rows >= task.MaxValue) task.MaxValue = rows * 1.05;
                    task.Value = rows;
                    task.Description = $"{rows.ToString("N0", CultureInfo.InvariantCulture)} rows";
                });
                var result = await run(progress);
                task.Value = task.MaxValue;
                return result;
            });
    }

    private static long TotalBytes(IReadOnlyList<string> paths) => Files(paths).Sum(f => f.Length);

    /// <summary>Rows expected in plain CSV inputs, from the line length of their first MiB; null when any input is compressed or not CSV.</summary>
    internal static double? ExpectedRows(IReadOnlyList<string> paths)
    {
        double rows = 0;
        foreach (var file in Files(paths))
        {
            if (!file.Extension.Equals(".csv", StringComparison.OrdinalIgnoreCase)) return null;
            using var stream = file.OpenRead();
            var buffer = new byte[(int)Math.Min(SampleBytes, file.Length)];
            var read = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
            var lines = buffer.AsSpan(0, read).Count((byte)'\n');
            if (lines == 0) return null;
            rows += (double)file.Length * lines / read;
        }

        return rows;
    }

    private static IEnumerable<FileInfo> Files(IReadOnlyList<string> paths) => paths.SelectMany(p =>
        Directory.Exists(p) ? new DirectoryInfo(p).EnumerateFiles("*", SearchOption.AllDirectories)
        : File.Exists(p) ? [new FileInfo(p)] : []);

    private sealed class RowsPerSecondColumn : ProgressColumn
    {
        public override IRenderable Render(RenderOptions options, ProgressTask task, TimeSpan deltaTime) =>
            new Text($"{(task.Speed ?? 0).ToString("N0", CultureInfo.InvariantCulture)} rows/s");
    }

    private sealed class EtaColumn : ProgressColumn
    {
        public override IRenderable Render(RenderOptions options, ProgressTask task, TimeSpan deltaTime) =>
            new Text(task.IsIndeterminate || task.RemainingTime is not { } left ? "ETA --:--" : $"ETA {(int)left.TotalMinutes:00}:{left.Seconds:00}");
    }
}
