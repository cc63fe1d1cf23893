using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace GitOps.Integration.Tests.Infrastructure;

/// <summary>
/// A plain HTTP/1.1 file server on loopback for model downloads: serves byte arrays by path, honours
/// <c>Range: bytes=N-</c> with 206, answers HEAD with the size alone, can be told to drop the connection after N body
/// bytes (once) or to send at most so many bytes a second, and counts the requests and body bytes it sent so tests can
/// say "no request" or "less than 1.5× the file".
/// </summary>
public sealed class ModelFileServer : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly ConcurrentDictionary<string, byte[]> _files = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;
    private int _requests;
    private int _gets;
    private long _bytesPerSecond;
    private long _bytesSent;
    private long _dropAfter = -1;

    public ModelFileServer()
    {
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _accepting = AcceptAsync();
    }

    public int Port { get; }

    /// <summary>Every request, HEAD included.</summary>
    public int Requests => Volatile.Read(ref _requests);

    /// <summary>GET requests: the downloads.</summary>
    public int Gets => Volatile.Read(ref _gets);

    /// <summary>At most this many body bytes a second per response (0: as fast as the socket goes).</summary>
    public long BytesPerSecond
    {
        get => Interlocked.Read(ref _bytesPerSecond);
        set => Interlocked.Exchange(ref _bytesPerSecond, value);
    }

    public long BytesSent => Interlocked.Read(ref _bytesSent);

    /// <summary>Ranges the GETs asked for, such as "bytes=512-", in order (null for a GET without one).</summary>
    public ConcurrentQueue<string?> Ranges { get; } = new();

    /// <summary>The Authorization headers of the GETs, in order.</summary>
    public ConcurrentQueue<string?> Authorizations { get; } = new();

    public string Url(string path) => $"http://127.0.0.1:{Port}/{path}";

    public void Serve(string path, byte[] content) => _files[path] = content;

    /// <summary>The next response is cut after <paramref name="bytes"/> body bytes: the socket closes mid-file.</summary>
    public void DropNextAfter(long bytes) => Interlocked.Exchange(ref _dropAfter, bytes);

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }
            _ = Task.Run(() => ServeAsync(client));
        }
    }

    /// <summary>Connections being answered now: a client killed mid-file leaves its response writing until the socket errors.</summary>
    public int Serving => Volatile.Read(ref _serving);

    private int _serving;

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            Interlocked.Increment(ref _serving);
            try
            {
                var stream = client.GetStream();
                var head = await ReadHeadAsync(stream);
                if (head is null)
                {
                    return;
                }
                Interlocked.Increment(ref _requests);
                var lines = head.Split("\r\n");
                var isHead = lines[0].StartsWith("HEAD ", StringComparison.Ordinal);
                var path = lines[0].Split(' ')[1].TrimStart('/');
                var headers = lines.Skip(1).Where(l => l.Contains(':', StringComparison.Ordinal))
                    .ToDictionary(l => l[..l.IndexOf(':', StringComparison.Ordinal)].Trim(), l => l[(l.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim(), StringComparer.OrdinalIgnoreCase);
                var range = headers.GetValueOrDefault("Range");
                if (!_files.TryGetValue(path, out var content))
                {
                    await WriteAsync(stream, "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
                    return;
                }
                if (isHead)
                {
                    await WriteAsync(stream, $"HTTP/1.1 200 OK\r\nContent-Length: {content.Length}\r\nAccept-Ranges: bytes\r\nConnection: close\r\n\r\n");
                    return;
                }
                Interlocked.Increment(ref _gets);
                Ranges.Enqueue(range);
                Authorizations.Enqueue(headers.GetValueOrDefault("Authorization"));
                long from = 0;
                if (range is not null && range.StartsWith("bytes=", StringComparison.Ordinal))
                {
                    from = long.Parse(range["bytes=".Length..].TrimEnd('-').Split('-')[0], CultureInfo.InvariantCulture);
                }
                if (from >= content.Length && from > 0)
                {
                    await WriteAsync(stream, $"HTTP/1.1 416 Range Not Satisfiable\r\nContent-Range: bytes */{content.Length}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
                    return;
                }
                var status = from > 0 ? "206 Partial Content" : "200 OK";
                var extra = from > 0 ? $"Content-Range: bytes {from}-{content.Length - 1}/{content.Length}\r\n" : "";
                await WriteAsync(stream, $"HTTP/1.1 {status}\r\nContent-Length: {content.Length - from}\r\nAccept-Ranges: bytes\r\n{extra}Connection: close\r\n\r\n");
                var drop = Interlocked.Exchange(ref _dropAfter, -1);
                var end = drop >= 0 ? Math.Min(content.Length, from + drop) : content.Length;
                var clock = System.Diagnostics.Stopwatch.StartNew();
                for (var at = from; at < end; at += 64 * 1024)
                {
                    var count = (int)Math.Min(64 * 1024, end - at);
                    await stream.WriteAsync(content.AsMemory((int)at, count));
                    Interlocked.Add(ref _bytesSent, count);
                    if (BytesPerSecond is > 0 and var rate && TimeSpan.FromSeconds((at + count - from) / (double)rate) - clock.Elapsed is { Ticks: > 0 } ahead)
                    {
                        await Task.Delay(ahead, _stop.Token);
                    }
                }
                // A dropped response simply ends here: the socket closes before the announced length arrived, and every
                // byte written was delivered, so BytesSent is what the client fetched.
            }
            catch (Exception ex) when (ex is IOException or OperationCanceledException)
            {
                // The client went away, or the server stops: nothing to answer.
            }
            finally
            {
                Interlocked.Decrement(ref _serving);
            }
        }
    }

    private static async Task<string?> ReadHeadAsync(NetworkStream stream)
    {
        var buffer = new List<byte>();
        var one = new byte[1];
        while (await stream.ReadAsync(one) == 1)
        {
            buffer.Add(one[0]);
            if (buffer.Count >= 4 && buffer[^1] == '\n' && buffer[^2] == '\r' && buffer[^3] == '\n' && buffer[^4] == '\r')
            {
                return Encoding.ASCII.GetString([.. buffer]);
            }
        }
        return null;
    }

    private static Task WriteAsync(NetworkStream stream, string text) => stream.WriteAsync(Encoding.ASCII.GetBytes(text)).AsTask();

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        try
        {
            _accepting.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // Stopping is all that matters here.
        }
        _stop.Dispose();
    }
}
