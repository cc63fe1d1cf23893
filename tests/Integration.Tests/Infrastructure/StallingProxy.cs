using System.Net;
using System.Net.Sockets;

namespace GitOps.Integration.Tests.Infrastructure;

/// <summary>
/// A loopback TCP proxy to an upstream (the test registry) that forwards each connection's answer up to
/// <c>stallAfterBytes</c> and then stops sending while keeping the connection open: a registry stalled mid-layer, or
/// (with 0) a server that accepts and never answers, switched on while it runs.
/// </summary>
public sealed class StallingProxy : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly List<TcpClient> _clients = [];
    private readonly int _upstreamPort;
    private int _stalled;

    public StallingProxy(int upstreamPort, long stallAfterBytes)
    {
        _upstreamPort = upstreamPort;
        StallAfterBytes = stallAfterBytes;
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _ = AcceptAsync();
    }

    public int Port { get; }

    /// <summary>How much of each new connection's answer is forwarded; 0: a new connection is held and never answered.</summary>
    public long StallAfterBytes
    {
        get => Interlocked.Read(ref _stallAfterBytes);
        set => Interlocked.Exchange(ref _stallAfterBytes, value);
    }

    private long _stallAfterBytes;

    /// <summary>How many connections stopped forwarding so far.</summary>
    public int Stalled => Volatile.Read(ref _stalled);

    private async Task AcceptAsync()
    {
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                var limit = StallAfterBytes;
                if (limit == 0)
                {
                    Interlocked.Increment(ref _stalled);
                    lock (_clients)
                    {
                        _clients.Add(client);
                    }
                    continue;
                }
                var upstream = new TcpClient();
                await upstream.ConnectAsync(IPAddress.Loopback, _upstreamPort, _stop.Token);
                lock (_clients)
                {
                    _clients.Add(client);
                    _clients.Add(upstream);
                }
                _ = PumpAsync(client.GetStream(), upstream.GetStream(), long.MaxValue);
                _ = PumpAsync(upstream.GetStream(), client.GetStream(), limit);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Stopped.
        }
    }

    private async Task PumpAsync(Stream from, Stream to, long limit)
    {
        var buffer = new byte[16 * 1024];
        long sent = 0;
        try
        {
            while (true)
            {
                var read = await from.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, Math.Max(1, limit - sent))), _stop.Token);
                if (read == 0)
                {
                    return;
                }
                await to.WriteAsync(buffer.AsMemory(0, read), _stop.Token);
                sent += read;
                if (sent >= limit)
                {
                    Interlocked.Increment(ref _stalled);
                    // Say nothing more, and never close: only the client's own timeout ends this.
                    await Task.Delay(Timeout.Infinite, _stop.Token);
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or ObjectDisposedException)
        {
            // Connection closed, or the proxy stopped.
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        lock (_clients)
        {
            foreach (var client in _clients)
            {
                client.Dispose();
            }
        }
        _stop.Dispose();
    }
}
