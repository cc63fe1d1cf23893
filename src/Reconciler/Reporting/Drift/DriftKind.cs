using System.Text.Json.Serialization;

namespace GitOps.Reconciler.Reporting.Drift;

/// <summary>The kinds of resource a drift report lists.</summary>
public enum DriftKind
{
    [JsonStringEnumMemberName("stack")]
    Stack,
    [JsonStringEnumMemberName("service")]
    Service,
    [JsonStringEnumMemberName("network")]
    Network,
    [JsonStringEnumMemberName("volume")]
    Volume,
    [JsonStringEnumMemberName("task")]
    Task,
    [JsonStringEnumMemberName("model")]
    Model,
}
