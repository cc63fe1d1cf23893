using System.Collections.Concurrent;
using System.Net;

namespace GitOps.Reconciler.Tests.Reporting.Notifications;

/// <summary>A fake receiver behind HttpClient: records every request and answers with the status the test scripts per call.</summary>
internal sealed class RecordingHandler(Func<int, Task<HttpStatusCode>> answer) : HttpMessageHandler
{
    private int _calls;

    public ConcurrentQueue<string> Bodies { get; } = new();

    public int Calls => Volatile.Read(ref _calls);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var call = Interlocked.Increment(ref _calls);
        Bodies.Enqueue(await request.Content!.ReadAsStringAsync(cancellationToken));
        return new HttpResponseMessage(await answer(call));
    }
}
