using GitOps.Reconciler.Actual;
using GitOps.Reconciler.Common;

namespace GitOps.Reconciler.Planning;

/// <summary>What applying a service change does to one of its containers.</summary>
public enum ContainerAction
{
    /// <summary>An existing container stays as it runs.</summary>
    Keep,

    /// <summary>An existing container stays and is started (it is stopped).</summary>
    Start,

    /// <summary>A new container is created and started.</summary>
    Create,

    /// <summary>A new container is created beside <see cref="ContainerStep.Existing"/> (under <see cref="ContainerStep.CreateAs"/>),
    /// gated, and only then takes over the name; a failed gate brings the old one back.</summary>
    Replace,

    /// <summary>An existing container is stopped and removed.</summary>
    Remove,
}

/// <summary>
/// One container's part of a service change, decided by the planner (see <see cref="ServiceSteps"/>) so that the plan
/// shows exactly which containers survive a scale-down and which numbers the new ones get.
/// </summary>
/// <param name="Number">Compose's container number (<c>com.docker.compose.container-number</c>).</param>
/// <param name="Name">The container's name once applied.</param>
/// <param name="Existing">The container acted on; null for <see cref="ContainerAction.Create"/>.</param>
public sealed record ContainerStep(ContainerAction Action, int Number, string Name, ActualContainer? Existing)
{
    /// <summary>The name a new container is created under: a temporary one beside the container it replaces.</summary>
    public string CreateAs { get; init; } = Name;

    /// <summary>For a kept container: the service's networks (compose keys) it left and is connected to again.</summary>
    public ValueList<string> Reconnect { get; init; } = ValueList<string>.Empty;

    /// <summary>A kept container under another name (left by an interrupted replace) gets <see cref="Name"/> back.</summary>
    public bool Rename => Action is ContainerAction.Keep or ContainerAction.Start && Existing is not null && Existing.Name != Name;

    /// <summary>The name shown in a plan: the existing container's for a removal, otherwise the one it will have.</summary>
    public string Shown => Action == ContainerAction.Remove && Existing is not null ? Existing.Name : Name;
}
