using GitOps.Reconciler.Engine;

namespace GitOps.Reconciler.Actual.Events;

/// <summary>
/// Decides whether an engine event concerns a container the agent manages, and which stack to re-probe.
/// With an owner (the daemon always passes its own), a container is managed only when its ownership label names that
/// owner: another agent's containers on the same engine never wake this one. Without one, the ownership label, or a
/// compose project that is one of the agent's stacks, is enough. The container actions that can change a report:
/// create, die, stop, kill, destroy, oom, health_status (<c>health_status: unhealthy</c> and the other statuses),
/// rename, and start (a container started by hand ends a drift: seeing it at once lets the report say so without
/// waiting for the poll). Network events carry no container labels: a connect or disconnect is matched when the
/// network is one of the agent's stacks' (named <c>&lt;stack&gt;_&lt;key&gt;</c>) and, when the caller knows its own
/// containers, the container is one of them; the match names the container by id.
/// Everything else (exec, attach, top, images, volumes, ...) is ignored.
/// </summary>
public static class ContainerEventFilter
{
    /// <param name="stacks">The agent's stacks (compose project names): for network events, and without an owner for containers without the ownership label.</param>
    /// <param name="owner">The agent's owner label value; null accepts any owner.</param>
    /// <param name="isOwnContainer">Whether a container id is one of the agent's (network events carry no labels); null accepts any.</param>
    public static ContainerEventMatch? Match(
        DockerEvent dockerEvent, IReadOnlySet<string>? stacks = null, string? owner = null, Func<string, bool>? isOwnContainer = null)
    {
        ArgumentNullException.ThrowIfNull(dockerEvent);
        return dockerEvent.Type switch
        {
            "container" => MatchContainer(dockerEvent, stacks, owner),
            "network" => MatchNetwork(dockerEvent, stacks, isOwnContainer),
            _ => null,
        };
    }

    private static ContainerEventMatch? MatchContainer(DockerEvent dockerEvent, IReadOnlySet<string>? stacks, string? owner)
    {
        if (ContainerKind(dockerEvent.Action) is not { } kind)
        {
            return null;
        }
        var attributes = dockerEvent.Attributes;
        var project = attributes.GetValueOrDefault(EngineLabels.Project);
        if (string.IsNullOrEmpty(project))
        {
            return null;
        }
        var managed = string.Equals(attributes.GetValueOrDefault(EngineLabels.Managed), "true", StringComparison.OrdinalIgnoreCase);
        var accepted = owner is not null
            ? managed && string.Equals(attributes.GetValueOrDefault(EngineLabels.Owner), owner, StringComparison.Ordinal)
            : managed || stacks?.Contains(project) == true;
        if (!accepted)
        {
            return null;
        }
        return new ContainerEventMatch(
            project,
            attributes.GetValueOrDefault(EngineLabels.Service),
            attributes.GetValueOrDefault("name") ?? dockerEvent.ActorId,
            kind,
            Detail(kind, dockerEvent))
        {
            ContainerId = dockerEvent.ActorId.Length > 0 ? dockerEvent.ActorId : null,
        };
    }

    private static ContainerEventMatch? MatchNetwork(DockerEvent dockerEvent, IReadOnlySet<string>? stacks, Func<string, bool>? isOwnContainer)
    {
        var kind = dockerEvent.Action switch
        {
            "connect" => ContainerEventKind.NetworkConnect,
            "disconnect" => ContainerEventKind.NetworkDisconnect,
            _ => (ContainerEventKind?)null,
        };
        var network = dockerEvent.Attributes.GetValueOrDefault("name");
        var container = dockerEvent.Attributes.GetValueOrDefault("container");
        if (kind is null || string.IsNullOrEmpty(network) || string.IsNullOrEmpty(container) || stacks is null
            || isOwnContainer?.Invoke(container) == false)
        {
            return null;
        }
        var stack = stacks.Where(s => network.StartsWith(s + "_", StringComparison.Ordinal)).MaxBy(s => s.Length);
        return stack is null ? null : new ContainerEventMatch(stack, null, container, kind.Value, network) { ContainerId = container };
    }

    private static ContainerEventKind? ContainerKind(string action)
    {
        var verb = action.Split(':', 2)[0].Trim();
        return verb switch
        {
            "create" => ContainerEventKind.Create,
            "die" => ContainerEventKind.Die,
            "stop" => ContainerEventKind.Stop,
            "kill" => ContainerEventKind.Kill,
            "destroy" => ContainerEventKind.Destroy,
            "oom" => ContainerEventKind.Oom,
            "health_status" => ContainerEventKind.HealthStatus,
            "rename" => ContainerEventKind.Rename,
            "start" => ContainerEventKind.Start,
            _ => null,
        };
    }

    private static string? Detail(ContainerEventKind kind, DockerEvent dockerEvent) => kind switch
    {
        ContainerEventKind.HealthStatus => dockerEvent.Action.Split(':', 2) is [_, var status] ? status.Trim() : null,
        ContainerEventKind.Die => dockerEvent.Attributes.GetValueOrDefault("exitCode"),
        ContainerEventKind.Kill => dockerEvent.Attributes.GetValueOrDefault("signal"),
        ContainerEventKind.Rename => dockerEvent.Attributes.GetValueOrDefault("oldName"),
        _ => null,
    };
}
