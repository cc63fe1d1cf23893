using GitOps.Reconciler.Common;

namespace GitOps.Reconciler.Desired;

/// <summary>Everything one host should run, loaded and validated from one revision of the config repo.</summary>
public sealed record DesiredState(
    string Host,
    ValueList<string> Groups,
    ValueMap<DesiredStack> Stacks,
    ValueMap<TaskSpec> Tasks,
    ValueMap<ModelSpec> Models,
    FleetPolicy Policy)
{
    /// <summary>Where each task's settings are written, by task name (for a host policy's refusals).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public ValueMap<Compose.SettingPositions> TaskPositions { get; init; } = ValueMap<Compose.SettingPositions>.Empty;
}
