using System.Text.Json.Serialization;

namespace GitOps.Reconciler.Reporting.Drift;

/// <summary>A newer commit this host does not apply yet because of the fleet's staged rollout; it keeps converging its
/// current revision meanwhile.</summary>
/// <param name="Halted">An earlier wave failed or rolled back: the rollout stopped there.</param>
public sealed record DriftRollout(
    [property: JsonPropertyName("commit")] string Commit,
    [property: JsonPropertyName("wave")] string Wave,
    [property: JsonPropertyName("waiting")] string Waiting,
    [property: JsonPropertyName("halted")] bool Halted);
