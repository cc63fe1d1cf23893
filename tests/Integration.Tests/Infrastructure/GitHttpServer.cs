using System.Diagnostics;
using System.Net;
using System.Text;

namespace GitOps.Integration.Tests.Infrastructure;

/// <summary>
/// Git's smart HTTP protocol on loopback: an <see cref="HttpListener"/> that demands Basic auth and hands each
/// request to <c>git http-backend</c> as a CGI. Records the credentials it was sent so tests can check they arrived.
/// </summary>
public sealed class GitHttpServer : IDisposable
{
    private readonly HttpListener _listener;
    private readonly string _projectRoot;
    private readonly string _user;
    private readonly string _password;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _loop;

    public GitHttpServer(string projectRoot, string user, string password)
    {
        Tools.Require("git", "git");
        _projectRoot = projectRoot;
        _user = user;
        _password = password;
        _listener = Listen(out var port);
        Port = port;
        _loop = Task.Run(() => ServeAsync(_stopping.Token));
    }

    public int Port { get; }

    /// <summary>Binds a free port, choosing again when another process took it first.</summary>
    private static HttpListener Listen(out int port)
    {
        for (var attempt = 0; ; attempt++)
        {
            port = Network.FreePort();
            var listener = new HttpListener();
            listener.Prefixes.Add($"http://127.0.0.1:{port}/");
            try
            {
                listener.Start();
                return listener;
            }
            catch (HttpListenerException) when (attempt < 5)
            {
                listener.Close();
            }
        }
    }

    public int Rejected { get; private set; }

    public int Accepted { get; private set; }

    /// <summary>Accepted ref advertisements (<c>GET info/refs?service=git-upload-pack</c>): an ls-remote, or a fetch's first step.</summary>
    public int RefListings { get; private set; }

    /// <summary>Accepted <c>POST git-upload-pack</c> requests: what a fetch adds to the listing to transfer objects.</summary>
    public int UploadPacks { get; private set; }

    public string UrlFor(string relativePath) => $"http://127.0.0.1:{Port}/{relativePath}";

    private async Task ServeAsync(CancellationToken cancellationToken)
    {
        while (_listener.IsListening && !cancellationToken.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException)
            {
                return;
            }
            try
            {
                await HandleAsync(context, cancellationToken);
            }
            catch (Exception ex) when (ex is HttpListenerException or IOException or InvalidOperationException or OperationCanceledException)
            {
                context.Response.Abort();
            }
        }
    }

    private async Task HandleAsync(HttpListenerContext context, CancellationToken cancellationToken)
    {
        var expected = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{_user}:{_password}"));
        if (context.Request.Headers["Authorization"] != expected)
        {
            Rejected++;
            context.Response.StatusCode = 401;
            context.Response.AddHeader("WWW-Authenticate", "Basic realm=\"git\"");
            context.Response.Close();
            return;
        }
        Accepted++;
        var path = context.Request.Url!.AbsolutePath;
        if (context.Request.HttpMethod == "GET" && path.EndsWith("/info/refs", StringComparison.Ordinal))
        {
            RefListings++;
        }
        else if (context.Request.HttpMethod == "POST" && path.EndsWith("/git-upload-pack", StringComparison.Ordinal))
        {
            UploadPacks++;
        }
        var info = new ProcessStartInfo("git", ["http-backend"])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        info.Environment["GIT_PROJECT_ROOT"] = _projectRoot;
        info.Environment["GIT_HTTP_EXPORT_ALL"] = "1";
        info.Environment["REQUEST_METHOD"] = context.Request.HttpMethod;
        info.Environment["PATH_INFO"] = context.Request.Url!.AbsolutePath;
        info.Environment["QUERY_STRING"] = context.Request.Url.Query.TrimStart('?');
        info.Environment["CONTENT_TYPE"] = context.Request.ContentType ?? "";
        info.Environment["REMOTE_USER"] = _user;
        info.Environment["REMOTE_ADDR"] = "127.0.0.1";
        if (context.Request.Headers["Content-Encoding"] is { } encoding)
        {
            info.Environment["HTTP_CONTENT_ENCODING"] = encoding;
        }
        if (context.Request.Headers["Git-Protocol"] is { } protocol)
        {
            info.Environment["GIT_PROTOCOL"] = protocol;
        }
        using var process = Process.Start(info)!;
        await context.Request.InputStream.CopyToAsync(process.StandardInput.BaseStream, cancellationToken);
        process.StandardInput.Close();
        using var output = new MemoryStream();
        await process.StandardOutput.BaseStream.CopyToAsync(output, cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        WriteCgiResponse(output.ToArray(), context.Response);
    }

    private static void WriteCgiResponse(byte[] cgi, HttpListenerResponse response)
    {
        var split = IndexOf(cgi, "\r\n\r\n"u8.ToArray(), out var separator);
        var headers = Encoding.ASCII.GetString(cgi, 0, split).Split(["\r\n", "\n"], StringSplitOptions.RemoveEmptyEntries);
        foreach (var header in headers)
        {
            var colon = header.IndexOf(':', StringComparison.Ordinal);
            var name = header[..colon].Trim();
            var value = header[(colon + 1)..].Trim();
            if (name.Equals("Status", StringComparison.OrdinalIgnoreCase))
            {
                response.StatusCode = int.Parse(value.Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
            }
            else if (name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase))
            {
                response.ContentType = value;
            }
            else
            {
                response.AddHeader(name, value);
            }
        }
        var body = cgi.AsSpan(split + separator);
        response.ContentLength64 = body.Length;
        response.OutputStream.Write(body);
        response.Close();
    }

    private static int IndexOf(byte[] data, byte[] crlf, out int separatorLength)
    {
        var index = data.AsSpan().IndexOf(crlf);
        if (index >= 0)
        {
            separatorLength = crlf.Length;
            return index;
        }
        separatorLength = 2;
        return data.AsSpan().IndexOf("\n\n"u8);
    }

    public void Dispose()
    {
        _stopping.Cancel();
        // Close alone: Stop then Close unregisters the prefix twice, and the second time the listener binds the
        // port again to find it, failing when a test running beside this one has taken the port meanwhile.
        _listener.Close();
        _loop.Wait(TimeSpan.FromSeconds(10));
        _stopping.Dispose();
    }
}
