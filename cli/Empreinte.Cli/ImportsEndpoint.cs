using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Empreinte.Cli;

/// <summary>
/// <c>serve --http PORT</c>: <c>POST /imports</c> takes an export as the request body and drops it
/// into the watched folder (written aside, then renamed, so the folder loop never sees half a
/// file); <c>GET /imports/{name}</c> tells queued, done (with the import report) or failed.
/// Bound to 127.0.0.1 only: put a reverse proxy with authentication in front to expose it.
/// </summary>
internal static class ImportsEndpoint
{
    public static WebApplication Build(int port, string watchDirectory)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port));
        var app = builder.Build();

        app.MapPost("/imports", async (HttpRequest request, CancellationToken cancellationToken) =>
        {
            var gzip = request.ContentType is "application/gzip" or "application/x-gzip";
            var name = $"http-{DateTime.UtcNow:yyyyMMddHHmmss}-{Guid.NewGuid():N}.csv{(gzip ? ".gz" : "")}";
            var partial = Path.Combine(watchDirectory, "." + name + ".partial");
            await using (var file = File.Create(partial)) await request.Body.CopyToAsync(file, cancellationToken);
            if (new FileInfo(partial).Length == 0)
            {
                File.Delete(partial);
                return Results.BadRequest(new { error = "the request body must be an export file (CSV, or gzip with Content-Type application/gzip)" });
            }

            File.Move(partial, Path.Combine(watchDirectory, name));
            return Results.Accepted($"/imports/{name}", new { name, status = "queued" });
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

        return app;
    }
}
