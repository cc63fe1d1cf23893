using System.Text.Json.Serialization;
using GitOps.Reconciler.Common;

namespace GitOps.Reconciler.Fleet;

/// <summary>One commit of <c>fleet revisions</c> and the inventory's hosts that run it (rollout progress).</summary>
/// <param name="Commit">Null for the hosts that never reported a revision.</param>
public sealed record FleetRevision(
    [property: JsonPropertyName("commit")] string? Commit,
    [property: JsonPropertyName("behind")] int? Behind,
    [property: JsonPropertyName("hosts")] ValueList<string> Hosts)
{
    /// <summary>The head's commit first, then by commits behind, unknown ones last.</summary>
    public static IReadOnlyList<FleetRevision> Of(IReadOnlyList<FleetHostLine> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        return [.. lines
            .GroupBy(l => l.Commit)
            .Select(g => new FleetRevision(g.Key, g.First().Behind, ValueList.From(g.Select(l => l.Host).Order(StringComparer.Ordinal))))
            .OrderBy(r => r.Commit is null)
            .ThenBy(r => r.Behind ?? int.MaxValue)
            .ThenBy(r => r.Commit, StringComparer.Ordinal)];
    }
}
