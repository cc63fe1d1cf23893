using Docker.DotNet;
using Docker.DotNet.Models;
using GitOps.Reconciler.Engine;

namespace GitOps.Integration.Tests.Infrastructure;

/// <summary>
/// A compose project's container events from the engine's own log, in the engine's order: what ordering tests read
/// (which container started before which gate ended) instead of timing anything.
/// </summary>
public static class ProjectEvents
{
    public static async Task<List<Message>> ReadAsync(DockerClient engine, string project, DateTimeOffset since, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(engine);
        var events = new List<Message>();
        var parameters = new ContainerEventsParameters
        {
            Since = since.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture),
            Until = DateTimeOffset.UtcNow.AddSeconds(1).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture),
            Filters = new Dictionary<string, IDictionary<string, bool>>
            {
                ["type"] = new Dictionary<string, bool> { ["container"] = true },
                ["label"] = new Dictionary<string, bool> { [$"{EngineLabels.Project}={project}"] = true },
            },
        };
        await engine.System.MonitorEventsAsync(parameters, new Collector(events), cancellationToken);
        return events;
    }

    public static string Describe(IEnumerable<Message> events) =>
        string.Join(", ", events.Select(e => $"{e.Actor.ID[..12]} {e.Action}"));

    private sealed class Collector(List<Message> events) : IProgress<Message>
    {
        public void Report(Message value)
        {
            lock (events)
            {
                events.Add(value);
            }
        }
    }
}
