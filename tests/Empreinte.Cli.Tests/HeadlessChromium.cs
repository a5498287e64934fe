using System.Diagnostics;
using System.Text.RegularExpressions;
using Empreinte.TestSupport;

namespace Empreinte.Cli.Tests;

/// <summary>
/// Renders a page in headless Chromium (Debian package <c>chromium</c>, installed by .ci/run): the
/// DOM after its scripts ran, what the browser logged, and a screenshot kept under TestResults/.
/// </summary>
internal static partial class HeadlessChromium
{
    public sealed record Rendered(string Dom, string Log, string ScreenshotPath);

    public static string Executable()
    {
        foreach (var name in new[] { "chromium", "chromium-browser", "google-chrome" })
        {
            foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries))
            {
                var candidate = Path.Combine(dir, name);
                if (File.Exists(candidate)) return candidate;
            }
        }

        // Never a silent skip: the report is only tested in a real browser.
        throw new InvalidOperationException(
            "headless Chromium is needed to test report.html and was not found on PATH; install it with `apt-get install -y chromium` (.ci/run does)"
            + (Environment.GetEnvironmentVariable("CI") == "true" ? " — missing under CI=true" : ""));
    }

    public static async Task<Rendered> RenderAsync(string htmlPath, string screenshotName)
    {
        var artifacts = Path.Combine(RepositoryPaths.Root, "TestResults");
        Directory.CreateDirectory(artifacts);
        var screenshot = Path.Combine(artifacts, screenshotName);
        var url = new Uri(Path.GetFullPath(htmlPath)).AbsoluteUri;
        string[] common = ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run", "--disable-extensions",
            "--enable-logging=stderr", "--v=0", "--virtual-time-budget=10000", "--window-size=1280,3600"];
        var (dom, log) = await RunAsync([.. common, "--dump-dom", url]);
        var (_, shotLog) = await RunAsync([.. common, "--screenshot=" + screenshot, url]);
        return new Rendered(dom, log + shotLog, screenshot);
    }

    /// <summary>Console messages the page logged as errors, and uncaught exceptions.</summary>
    public static IReadOnlyList<string> ConsoleErrors(string log) =>
        log.Split('\n').Where(l => ConsoleLine().IsMatch(l) && (l.Contains("Uncaught", StringComparison.Ordinal) || l.Contains("Error", StringComparison.Ordinal))).ToList();

    [GeneratedRegex(@"CONSOLE\(\d+\)|:CONSOLE:|console\.error")]
    private static partial Regex ConsoleLine();

    private static async Task<(string Out, string Err)> RunAsync(string[] args)
    {
        var start = new ProcessStartInfo(Executable()) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return (await output, await error);
    }
}
