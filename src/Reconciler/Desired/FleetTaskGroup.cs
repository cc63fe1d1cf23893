using GitOps.Reconciler.Diagnostics;

namespace GitOps.Reconciler.Desired;

/// <summary>
/// The rules of a fleet task (<c>runOn: {oneOf: G}</c>), checked per host because they depend on the agent and on the
/// other hosts of G: the agent has a fleet store to share the task through; the task targets exactly the hosts of G
/// (a host of G that did not carry the task could still fire it); and every host of G resolves it to the same
/// definition (one job is shared, so host variables in it would make the hosts overwrite each other's).
/// </summary>
public static class FleetTaskGroup
{
    /// <summary>The <c>oneOf</c> value naming every host of the inventory.</summary>
    public const string Fleet = "fleet";

    /// <summary>The hosts of <paramref name="group"/> (every host for <see cref="Fleet"/>), ordered by name.</summary>
    public static IReadOnlyList<string> HostsOf(Inventory inventory, string group)
    {
        ArgumentNullException.ThrowIfNull(inventory);
        return [.. inventory.Hosts.Values
            .Where(h => group == Fleet || h.Groups.Contains(group))
            .Select(h => h.Name)
            .Order(StringComparer.Ordinal)];
    }

    /// <param name="fleetStore">Whether the agent has a fleet store; null when unknown (the config repo's own CI).</param>
    public static bool Check(TaskDefinition task, TaskSpec spec, Inventory inventory, string host, bool? fleetStore, DiagnosticBag diagnostics)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(inventory);
        ArgumentNullException.ThrowIfNull(diagnostics);
        if (spec.RunOn is not { } group)
        {
            return true;
        }
        var at = task.RunOnAt ?? SourcePosition.StartOf(task.File);
        if (fleetStore == false)
        {
            diagnostics.Error(at, $"task '{task.Name}' runs on one host of '{group}' (runOn), which needs a fleet store; " +
                "set fleet.postgres.connectionStringFile in agent.yaml or remove runOn");
            return false;
        }
        var members = HostsOf(inventory, group);
        var targeted = inventory.Hosts.Keys.Where(h => inventory.Targets(task.Targets, h)).Order(StringComparer.Ordinal).ToList();
        if (!members.SequenceEqual(targeted, StringComparer.Ordinal))
        {
            var missing = members.Except(targeted, StringComparer.Ordinal).ToList();
            var extra = targeted.Except(members, StringComparer.Ordinal).ToList();
            var detail = string.Join("; ", new[]
            {
                missing.Count == 0 ? null : $"not targeted: {string.Join(", ", missing)}",
                extra.Count == 0 ? null : $"targeted but not in '{group}': {string.Join(", ", extra)}",
            }.Where(d => d is not null));
            diagnostics.Error(at, $"task '{task.Name}' runs on one host of '{group}' but its targets are not the hosts of '{group}' ({detail}); " +
                $"target the group itself: targets: [{group}]");
            return false;
        }
        foreach (var other in members.Where(h => h != host))
        {
            var scratch = new DiagnosticBag();
            var theirs = task.ForHost(HostVariables.For(inventory, other), other, scratch);
            if (theirs is not null && theirs != spec)
            {
                diagnostics.Error(at, $"task '{task.Name}' resolves differently on hosts '{host}' and '{other}' of '{group}'; " +
                    "a fleet task is one definition for its group: keep host variables out of its image, command and environment");
                return false;
            }
        }
        return true;
    }
}
