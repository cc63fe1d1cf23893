using System.Net;
using System.Text.Json;
namespace GitOps.Integration.Tests.Infrastructure;

/// <summary>An in-test webhook receiver on a loopback port: records every notification body it gets.</summary>
public sealed class NotificationSink : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly List<JsonElement> _received = [];
    private readonly Task _serving;

    public NotificationSink()
    {
        var port = Network.FreePort();
        Url = new Uri($"http://127.0.0.1:{port}/hook/");
        _listener.Prefixes.Add(Url.ToString());
        _listener.Start();
        _serving = Task.Run(ServeAsync);
    }

    public Uri Url { get; }

    public IReadOnlyList<JsonElement> Received
    {
        get
        {
            lock (_received)
            {
                return [.. _received];
            }
        }
    }

    /// <summary>The event name of every notification, in order of arrival.</summary>
    public IReadOnlyList<string> Events => [.. Received.Select(n => n.GetProperty("event").GetString() ?? "")];

    /// <summary>The notifications about one resource with the given event (<c>driftDetected</c>, ...).</summary>
    public int Count(string notification, string stack, string name) => Received.Count(n =>
        n.GetProperty("event").GetString() == notification
        && n.GetProperty("stack").GetString() == stack
        && n.GetProperty("name").GetString() == name);

    public void Dispose()
    {
        _listener.Close();
        try
        {
            _serving.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // Closing the listener ends the loop with an exception; nothing more to receive.
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
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }
            using (var reader = new StreamReader(context.Request.InputStream))
            {
                var body = await reader.ReadToEndAsync();
                lock (_received)
                {
                    _received.Add(JsonDocument.Parse(body).RootElement.Clone());
                }
            }
            context.Response.StatusCode = 204;
            context.Response.Close();
        }
    }
}
