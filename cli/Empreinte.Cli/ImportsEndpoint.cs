using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Empreinte.Cli;

/// <summary>
/// <c>serve --http PORT</c>: <c>POST /imports</c> takes an export as the request body and drops it
/// into the watched folder (written aside, then renamed, so the folder loop never sees half a
/// file; the part written aside is removed whatever ends the upload early); <c>GET /imports/{name}</c>
/// tells queued, done (with the import report) or failed; <c>GET /imports/{name}/report?lang=en|fr</c>
/// answers its report.html (<see cref="ServeReports"/>). An upload is named by its content
/// (<see cref="Inbox.UploadName"/>): the same bytes posted again are not queued again but answered
/// 200 <c>{"name": the import holding them, "status": "duplicate", "import": "queued"|"done"}</c>.
/// Bound to 127.0.0.1 only. A browser on the same machine can still reach it, so: every request
/// must name a loopback or allowed host in <c>Host</c> and <c>Origin</c> (DNS rebinding, cross-site
/// pages), and a POST needs the bearer token (<see cref="ServeHttpOptions"/>).
/// </summary>
internal static class ImportsEndpoint
{
    private static readonly string[] _loopbackHosts = ["127.0.0.1", "localhost", "[::1]", "::1"];

    public static WebApplication Build(ServeHttpOptions options, string watchDirectory)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.UseKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, options.Port);
            kestrel.Limits.MaxRequestBodySize = options.MaxBodyBytes;
        });
        var app = builder.Build();
        var allowedHosts = new HashSet<string>(_loopbackHosts.Concat(options.AllowedHosts), StringComparer.OrdinalIgnoreCase);
        var token = SHA256.HashData(Encoding.UTF8.GetBytes(options.Token));
        var inbox = new Inbox(watchDirectory);

        app.Use(async (context, next) =>
        {
            if (Refusal(context.Request, allowedHosts) is { } refused)
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                await context.Response.WriteAsJsonAsync(new { error = refused }, context.RequestAborted);
                return;
            }

            await next(context);
        });

        app.MapPost("/imports", async (HttpRequest request, CancellationToken cancellationToken) =>
        {
            if (!HasToken(request, token))
                return Results.Json(new { error = "POST /imports needs the header 'Authorization: Bearer TOKEN' with the token serve was started with (EMPREINTE_TOKEN)." }, statusCode: StatusCodes.Status401Unauthorized);
            if (request.ContentLength > options.MaxBodyBytes) return TooLarge(options.MaxBodyBytes);

            var gzip = request.ContentType is "application/gzip" or "application/x-gzip";
            var partial = Path.Combine(watchDirectory, $".http-{Guid.NewGuid():N}.partial");
            try
            {
                await using (var file = File.Create(partial)) await request.Body.CopyToAsync(file, cancellationToken);
            }
            catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
            {
                File.Delete(partial);
                return TooLarge(options.MaxBodyBytes);
            }
            catch
            {
                // The client went away or the body broke off: nothing of it may stay behind.
                File.Delete(partial);
                throw;
            }

            if (new FileInfo(partial).Length == 0)
            {
                File.Delete(partial);
                return Results.BadRequest(new { error = "the request body must be an export file (CSV, or gzip with Content-Type application/gzip)" });
            }

            var sha256 = Inbox.Sha256Of(partial);
            var name = Inbox.UploadName(sha256, gzip);
            if (inbox.AdmitUpload(partial, name, sha256) is { } existing)
                return Results.Json(new { name = existing.Name, status = "duplicate", import = existing.State, sha256 }, statusCode: StatusCodes.Status200OK);
            return Results.Accepted($"/imports/{name}", new { name, status = "queued", sha256 });
        });

        app.MapGet("/imports/{name}", (string name) =>
        {
            if (name != Path.GetFileName(name)) return Results.BadRequest();
            var report = Path.Combine(watchDirectory, "done", name + ".import.json");
            if (File.Exists(report)) return Results.Text(File.ReadAllText(report), "application/json");
            var failure = Path.Combine(watchDirectory, "failed", name + ".error.txt");
            if (File.Exists(failure)) return Results.Json(new { name, status = "failed", error = File.ReadAllText(failure) }, statusCode: 422);
            return File.Exists(Path.Combine(watchDirectory, name)) ? Results.Json(new { name, status = "queued" }, statusCode: 202) : Results.NotFound();
        });

        app.MapGet("/imports/{name}/report", (string name, string? lang) => ServeReports.Respond(watchDirectory, name, lang ?? "en"));

        return app;
    }

    /// <summary>Why a request naming another host is refused, or null when it names only allowed ones.</summary>
    internal static string? Refusal(HttpRequest request, IReadOnlySet<string> allowedHosts)
    {
        if (!allowedHosts.Contains(request.Host.Host))
            return $"Host '{request.Host.Host}' is not served here (only loopback and --allow-host names): a page from another site cannot post through a browser.";
        var origin = request.Headers.Origin.ToString();
        if (origin.Length == 0) return null;
        return Uri.TryCreate(origin, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && allowedHosts.Contains(uri.Host)
            ? null
            : $"Origin '{origin}' is not allowed: requests from web pages of other sites are refused.";
    }

    private static bool HasToken(HttpRequest request, byte[] expected)
    {
        var header = request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return false;
        // Hashes compared in constant time: neither the token nor its length leaks through timing.
        return CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(header["Bearer ".Length..].Trim())), expected);
    }

    private static IResult TooLarge(long maxBytes) => Results.Json(
        new { error = $"the export is larger than {maxBytes / (1024 * 1024)} MB, the limit of this host (serve --max-upload-mb); drop it into the watched folder instead." },
        statusCode: StatusCodes.Status413PayloadTooLarge);
}
