using System.Runtime.CompilerServices;
using GitOps.Reconciler.Actual.Events;
using GitOps.Reconciler.Engine;

namespace GitOps.Reconciler.Tests.Events;

/// <summary>
/// An engine whose event streams follow a script, one entry per subscription: yield some events, then end or throw.
/// After the script, a subscription stays open (silent) until cancelled. Records each subscription's <c>since</c>;
/// pings fail <see cref="UnansweredPings"/> times, then succeed.
/// </summary>
internal sealed class ScriptedEventEngine(params (DockerEvent[] Events, Exception? Then)[] script) : IDockerSystem
{
    private int _subscription;

    private int _pings;

    public List<DateTimeOffset?> Since { get; } = [];

    /// <summary>How many pings go unanswered before the engine answers again.</summary>
    public int UnansweredPings { get; init; }

    public int Pings => Volatile.Read(ref _pings);

    public Task<bool> PingAsync(CancellationToken cancellationToken) =>
        Task.FromResult(Interlocked.Increment(ref _pings) > UnansweredPings);

    public async IAsyncEnumerable<DockerEvent> ContainerEventsAsync(DateTimeOffset? since, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        lock (Since)
        {
            Since.Add(since);
        }
        var index = _subscription++;
        if (index >= script.Length)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
            yield break;
        }
        foreach (var dockerEvent in script[index].Events)
        {
            await Task.Yield();
            yield return dockerEvent;
        }
        if (script[index].Then is { } failure)
        {
            throw failure;
        }
    }

    public static DockerEvent Container(string action, string project, string service, bool managed = true)
    {
        var attributes = new Dictionary<string, string>
        {
            ["com.docker.compose.project"] = project,
            ["com.docker.compose.service"] = service,
            ["name"] = $"{project}-{service}-1",
        };
        if (managed)
        {
            attributes["io.gitops-agent.managed"] = "true";
        }
        return new DockerEvent("container", action, "id-" + service, attributes);
    }
}
