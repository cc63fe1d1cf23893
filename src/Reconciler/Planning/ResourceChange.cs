using GitOps.Reconciler.Actual;
using GitOps.Reconciler.Common;
using GitOps.Reconciler.Compose;

namespace GitOps.Reconciler.Planning;

/// <summary>One resource's planned action with field-level before/after. <see cref="Reason"/> is for people only.</summary>
public abstract record ResourceChange(
    ResourceKind Kind,
    string Stack,
    string Name,
    ChangeAction Action,
    ValueList<FieldChange> Fields,
    string Reason);

public sealed record NetworkChange(
    string Stack, string Name, ChangeAction Action, ValueList<FieldChange> Fields, string Reason,
    NetworkSpec? Desired, ActualNetwork? Actual)
    : ResourceChange(ResourceKind.Network, Stack, Name, Action, Fields, Reason);

public sealed record VolumeChange(
    string Stack, string Name, ChangeAction Action, ValueList<FieldChange> Fields, string Reason,
    VolumeSpec? Desired, ActualVolume? Actual)
    : ResourceChange(ResourceKind.Volume, Stack, Name, Action, Fields, Reason);

/// <summary>
/// A service's containers. <see cref="Desired"/> with <see cref="DesiredConfigHash"/> is what to run
/// (null for Delete); <see cref="Existing"/> are its current containers. Create: none exist.
/// Replace: the spec differs, every existing container is replaced (new one first, then the old removed).
/// Update: the spec matches but containers must be started, added (scale up) or removed (scale down):
/// scale down removes the highest-numbered containers, scale up adds numbers after the highest.
/// Delete: orphaned service or torn-down stack.
/// A Replace creates <c>replicas</c> new containers whatever the count of <see cref="Existing"/>.
/// </summary>
public sealed record ServiceChange(
    string Stack, string Name, ChangeAction Action, ValueList<FieldChange> Fields, string Reason,
    ServiceSpec? Desired, string? DesiredConfigHash, ValueList<ActualContainer> Existing)
    : ResourceChange(ResourceKind.Container, Stack, Name, Action, Fields, Reason)
{
    /// <summary>The desired config hash when it is held after failing its health gate (see <see cref="PlanningContext.RolledBack"/>):
    /// the executor keeps that hold while it only starts the containers that run instead.</summary>
    public string? HeldConfigHash { get; init; }

    /// <summary>The config hash the service last ran after passing its gate (see <see cref="PlanningContext.LastGood"/>): never held.</summary>
    public string? LastGoodConfigHash { get; init; }

    /// <summary>What happens to each container: which survive a scale-down, the numbers of new ones (<see cref="ServiceSteps.Containers"/>).</summary>
    public ValueList<ContainerStep> Containers => ServiceSteps.Containers(this);

    /// <summary>What a started container must do to pass (<see cref="ServiceSteps.GateOf"/>); null for a Delete.</summary>
    public ServiceGate? Gate => Desired is null ? null : ServiceSteps.GateOf(Desired);

    /// <summary>What the service waits for from each service it depends on before it starts (<see cref="ServiceSteps.StartsAfter"/>); empty for a Delete.</summary>
    public ValueMap<DependencyWait> StartsAfter => Desired is null ? ValueMap<DependencyWait>.Empty : ServiceSteps.StartsAfter(Desired);

    /// <summary>Whether a replace first asks the engine for the spec's devices and runtime (<see cref="ServiceSteps.NeedsPreflight"/>).</summary>
    public bool Preflight => ServiceSteps.NeedsPreflight(this);

    /// <summary>Whether a replace stops each old container first or starts its replacement beside it (<see cref="ServiceSteps.OrderOf"/>); null when nothing is replaced.</summary>
    public ReplaceOrder? Order => ServiceSteps.OrderOf(this);

    /// <summary>The config hash held when the new containers fail their gate (<see cref="ServiceSteps.HoldOnFailure"/>).</summary>
    public string? HoldOnFailure => ServiceSteps.HoldOnFailure(this);

    /// <summary>The hold that stays after the held service's containers are started again (<see cref="ServiceSteps.KeepHold"/>).</summary>
    public string? KeepHold => ServiceSteps.KeepHold(this);
}
