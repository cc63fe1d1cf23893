namespace GitOps.Reconciler.Engine;

/// <summary>
/// An event from the engine's event stream, as much of it as deciding needs: <see cref="Type"/> (<c>container</c>, ...),
/// <see cref="Action"/> (<c>die</c>, <c>health_status: unhealthy</c>, ...), and the actor's id and attributes
/// (for containers: its labels plus <c>name</c>, <c>image</c>, <c>exitCode</c>, <c>oldName</c>...).
/// </summary>
public sealed record DockerEvent(string Type, string Action, string ActorId, IReadOnlyDictionary<string, string> Attributes)
{
    public static DockerEvent From(Docker.DotNet.Models.Message message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return new DockerEvent(
            message.Type ?? "",
            message.Action ?? "",
            message.Actor?.ID ?? "",
            message.Actor?.Attributes is { } attributes ? new Dictionary<string, string>(attributes, StringComparer.Ordinal) : new Dictionary<string, string>());
    }
}
