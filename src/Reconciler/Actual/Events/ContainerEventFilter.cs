namespace GitOps.Reconciler.Actual.Events;

/// <summary>
/// Decides whether an engine event concerns a container the agent manages, and which stack to re-probe.
/// A container is managed when it carries the ownership label, or when its compose project is one of the
/// agent's stacks. The actions that can change a report: die, stop, kill, destroy, oom, health_status
/// (<c>health_status: unhealthy</c> and the other statuses), rename, and start (a container started by hand
/// ends a drift: seeing it at once lets the report say so without waiting for the poll).
/// Everything else (exec, attach, top, ...) is ignored, as are networks, images and volumes.
/// </summary>
public static class ContainerEventFilter
{
    public const string ManagedLabel = "io.gitops-agent.managed";
    public const string ProjectLabel = "com.docker.compose.project";
    public const string ServiceLabel = "com.docker.compose.service";

    /// <param name="stacks">The agent's stacks (compose project names), for containers without the ownership label.</param>
    public static ContainerEventMatch? Match(DockerEvent dockerEvent, IReadOnlySet<string>? stacks = null)
    {
        ArgumentNullException.ThrowIfNull(dockerEvent);
        if (!string.Equals(dockerEvent.Type, "container", StringComparison.Ordinal) || Kind(dockerEvent.Action) is not { } kind)
        {
            return null;
        }
        var attributes = dockerEvent.Attributes;
        var project = attributes.GetValueOrDefault(ProjectLabel);
        if (string.IsNullOrEmpty(project))
        {
            return null;
        }
        var owned = string.Equals(attributes.GetValueOrDefault(ManagedLabel), "true", StringComparison.OrdinalIgnoreCase);
        if (!owned && stacks?.Contains(project) != true)
        {
            return null;
        }
        return new ContainerEventMatch(
            project,
            attributes.GetValueOrDefault(ServiceLabel),
            attributes.GetValueOrDefault("name") ?? dockerEvent.ActorId,
            kind,
            Detail(kind, dockerEvent));
    }

    private static ContainerEventKind? Kind(string action)
    {
        var verb = action.Split(':', 2)[0].Trim();
        return verb switch
        {
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
