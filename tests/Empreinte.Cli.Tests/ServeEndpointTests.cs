using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;

namespace Empreinte.Cli.Tests;

/// <summary>
/// <c>serve --http</c>'s endpoint on a real Kestrel listener (no broker needed: it only writes into
/// the watched folder): who may post, what a refused or broken upload leaves behind (nothing).
/// </summary>
public sealed class ServeEndpointTests : IAsyncLifetime, IDisposable
{
    private const string _token = "test-token-0123456789abcdef";
    private const int _maxBodyBytes = 64 * 1024;

    private readonly string _watch = Directory.CreateTempSubdirectory("empreinte-endpoint-").FullName;
    private readonly int _port = FreePort();
    private WebApplication _app = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _app = ImportsEndpoint.Build(new ServeHttpOptions(_port, _token, ["imports.example.org"], _maxBodyBytes), _watch);
        await _app.StartAsync();
        _http = new HttpClient { BaseAddress = new Uri(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{_port}/")) };
    }

    [Fact]
    public async Task Post_WithTheToken_IsQueuedInTheFolder()
    {
        using var response = await _http.SendAsync(Post("provider,cost\naws,1\n", _token));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var name = body.RootElement.GetProperty("name").GetString()!;
        Assert.Equal("provider,cost\naws,1\n", await File.ReadAllTextAsync(Path.Combine(_watch, name)));
    }

    [Fact]
    public async Task TwentyUploadsOfOneExport_AreQueuedOnce_AndNineteenAnsweredAsDuplicates()
    {
        const string export = "provider,cost\naws,1\n";
        var answers = new List<(HttpStatusCode Status, string Name, string State)>();
        for (var upload = 0; upload < 20; upload++)
        {
            using var response = await _http.SendAsync(Post(export, _token));
            using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            answers.Add((response.StatusCode, body.RootElement.GetProperty("name").GetString()!, body.RootElement.GetProperty("status").GetString()!));
        }

        Assert.Equal((HttpStatusCode.Accepted, "queued"), (answers[0].Status, answers[0].State));
        Assert.All(answers.Skip(1), a => Assert.Equal((HttpStatusCode.OK, answers[0].Name, "duplicate"), a));
        Assert.Equal([answers[0].Name], Directory.EnumerateFiles(_watch).Select(Path.GetFileName));

        // Another content is another import.
        using var other = await _http.SendAsync(Post("provider,cost\naws,2\n", _token));
        Assert.Equal(HttpStatusCode.Accepted, other.StatusCode);
        Assert.Equal(2, Directory.EnumerateFiles(_watch).Count());
    }

    [Fact]
    public async Task AnUploadOfContentImportedBefore_IsADuplicate_AfterARestart()
    {
        const string export = "provider,cost\naws,1\n";
        using var first = await _http.SendAsync(Post(export, _token));
        var name = JsonDocument.Parse(await first.Content.ReadAsStringAsync()).RootElement.GetProperty("name").GetString()!;
        var sha256 = Inbox.Sha256Of(Path.Combine(_watch, name));
        await new Inbox(_watch).MoveToDoneAsync(name, name, sha256, JsonSerializer.Serialize(new { file = name, sha256, rowsRead = 1 }), CancellationToken.None);

        // A new host on the same folder: what it imported is remembered there.
        await _app.DisposeAsync();
        _app = ImportsEndpoint.Build(new ServeHttpOptions(_port, _token, [], _maxBodyBytes), _watch);
        await _app.StartAsync();
        using var again = await _http.SendAsync(Post(export, _token));

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        using var body = JsonDocument.Parse(await again.Content.ReadAsStringAsync());
        Assert.Equal((name, "duplicate", "done"), (body.RootElement.GetProperty("name").GetString(), body.RootElement.GetProperty("status").GetString(), body.RootElement.GetProperty("import").GetString()));
        Assert.Empty(Directory.EnumerateFiles(_watch));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("wrong-token-0123456789abcdef")]
    public async Task Post_WithoutTheToken_Is401WithTheReason_AndWritesNothing(string? token)
    {
        using var response = await _http.SendAsync(Post("provider,cost\naws,1\n", token));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("Authorization: Bearer", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(_watch));
    }

    /// <summary>
    /// What a web page can make a browser send: a "simple" text/plain POST with its own Origin (no
    /// preflight), or, after rebinding its DNS name to 127.0.0.1, requests whose Host is that name.
    /// Refused even with a valid token (a page could have learnt it only by mistake).
    /// </summary>
    [Theory]
    [InlineData("Origin", "https://evil.example")]
    [InlineData("Origin", "null")]
    [InlineData("Host", "evil.example")]
    public async Task Requests_NamingAForeignSite_Are403WithTheReason(string header, string value)
    {
        using var post = Post("provider,cost\naws,1\n", _token, "text/plain");
        using var get = new HttpRequestMessage(HttpMethod.Get, "/imports/http-anything.csv");
        foreach (var request in new[] { post, get })
        {
            if (header == "Host") request.Headers.Host = value;
            else request.Headers.Add(header, value);
            using var response = await _http.SendAsync(request);
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            Assert.Contains(value, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        Assert.Empty(Directory.EnumerateFileSystemEntries(_watch));
    }

    [Fact]
    public async Task Requests_FromLoopbackOrAnAllowedHost_AreServed()
    {
        using var allowed = Post("provider,cost\naws,1\n", _token);
        allowed.Headers.Host = "imports.example.org";
        allowed.Headers.Add("Origin", "https://imports.example.org");
        using var response = await _http.SendAsync(allowed);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);

        using var local = new HttpRequestMessage(HttpMethod.Get, "/imports/http-no-such.csv");
        local.Headers.Add("Origin", string.Create(CultureInfo.InvariantCulture, $"http://localhost:{_port}"));
        using var notFound = await _http.SendAsync(local);
        Assert.Equal(HttpStatusCode.NotFound, notFound.StatusCode);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Post_OverTheLimit_Is413WithTheReason_AndLeavesNoPartial(bool declaredLength)
    {
        var body = new string('x', _maxBodyBytes + 1);
        using var request = Post(body, _token);
        if (!declaredLength) request.Content = new StreamContent(new UnknownLengthStream(Encoding.UTF8.GetBytes(body)));
        Assert.Equal(declaredLength, request.Content!.Headers.ContentLength is not null);

        using var response = await _http.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("larger than", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(_watch));
    }

    [Fact]
    public async Task Post_AbortedMidBody_LeavesNoPartial()
    {
        using (var client = new TcpClient())
        {
            await client.ConnectAsync(IPAddress.Loopback, _port);
            var stream = client.GetStream();
            var head = string.Create(CultureInfo.InvariantCulture,
                $"POST /imports HTTP/1.1\r\nHost: 127.0.0.1:{_port}\r\nAuthorization: Bearer {_token}\r\nContent-Type: text/csv\r\nContent-Length: 50000\r\n\r\nprovider,cost\n");
            await stream.WriteAsync(Encoding.ASCII.GetBytes(head));
            await stream.WriteAsync(Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("aws,1\n", 1000))));
            await stream.FlushAsync();
            // The server has begun writing the body aside before the connection drops.
            var deadline = DateTime.UtcNow.AddSeconds(10);
            while (!Directory.EnumerateFiles(_watch, "*.partial").Any() && DateTime.UtcNow < deadline) await Task.Delay(20);
            Assert.NotEmpty(Directory.EnumerateFiles(_watch, "*.partial"));
        }

        var removedBy = DateTime.UtcNow.AddSeconds(10);
        while (Directory.EnumerateFileSystemEntries(_watch).Any() && DateTime.UtcNow < removedBy) await Task.Delay(50);
        Assert.Empty(Directory.EnumerateFileSystemEntries(_watch));
    }

    [Fact]
    public void Options_HttpWithoutAToken_AreRefused_AndTheTokenComesFromTheEnvironment()
    {
        Assert.False(ScaleOutOptions.TryParse("serve", ["--watch", _watch, "--http", "8080"], out _, out var problem, _ => null));
        Assert.Contains(ServeHttpOptions.TokenVariable, problem, StringComparison.Ordinal);
        Assert.False(ScaleOutOptions.TryParse("serve", ["--watch", _watch, "--http", "8080", "--token", "short"], out _, out _, _ => null));

        Assert.True(ScaleOutOptions.TryParse("serve", ["--watch", _watch, "--http", "8080", "--allow-host", "imports.example.org"], out var options, out _,
            name => name == ServeHttpOptions.TokenVariable ? _token : null));
        Assert.Equal(_token, options.Http!.Token);
        Assert.Equal(["imports.example.org"], options.Http.AllowedHosts);
        // Without --http no token is needed: the folder is the only way in.
        Assert.True(ScaleOutOptions.TryParse("serve", ["--watch", _watch], out var folderOnly, out _, _ => null));
        Assert.Null(folderOnly.Http);
    }

    private static HttpRequestMessage Post(string body, string? token, string contentType = "text/csv")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/imports") { Content = new StringContent(body, Encoding.UTF8) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return request;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        Directory.Delete(_watch, recursive: true);
    }

    public void Dispose() => _http.Dispose();

    /// <summary>A body sent chunked: no Content-Length for the server to refuse up front.</summary>
    private sealed class UnknownLengthStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}
