using GitOps.Reconciler.Common;

namespace GitOps.Reconciler.Desired;

/// <summary>Everything one host should run, loaded and validated from one revision of the config repo.</summary>
public sealed record DesiredState(
    string Host,
    ValueList<string> Groups,
    ValueMap<DesiredStack> Stacks,
    ValueMap<TaskSpec> Tasks,
    ValueMap<ModelSpec> Models,
    FleetPolicy Policy);
