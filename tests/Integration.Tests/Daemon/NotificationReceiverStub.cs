using System.Net;
using System.Text.Json;
using GitOps.Integration.Tests.Infrastructure;

namespace GitOps.Integration.Tests.Daemon;

/// <summary>A webhook receiver on loopback that records the event name of every notification it gets.</summary>
public sealed class NotificationReceiverStub : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly List<string> _events = [];

    public NotificationReceiverStub()
    {
        var port = Network.FreePort();
        Url = new Uri($"http://127.0.0.1:{port}/hook/");
        _listener.Prefixes.Add(Url.ToString());
        _listener.Start();
        _ = ServeAsync();
    }

    public Uri Url { get; }

    public IReadOnlyList<string> Events
    {
        get
        {
            lock (_events)
            {
                return [.. _events];
            }
        }
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
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
            using (var body = await JsonDocument.ParseAsync(context.Request.InputStream))
            {
                lock (_events)
                {
                    _events.Add(body.RootElement.GetProperty("event").GetString() ?? "");
                }
            }
            context.Response.StatusCode = 200;
            context.Response.Close();
        }
    }

    public void Dispose() => _listener.Close();
}
