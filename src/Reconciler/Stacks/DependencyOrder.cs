using GitOps.Reconciler.Compose;

namespace GitOps.Reconciler.Stacks;

/// <summary>
/// Services in start order: every service after the services it depends on (<c>depends_on</c>, and
/// <c>network_mode</c>, <c>pid</c> or <c>ipc</c> of <c>service:x</c>, which need x's container to exist); among services that are
/// ready at the same time, by name. Dependencies on services that are not in the set (optional ones,
/// inactive profiles) are ignored. A cycle (the loader rejects them) cannot stall the order: its
/// members follow the rest, by name.
/// </summary>
public static class DependencyOrder
{
    public static IReadOnlyList<string> Of(IReadOnlyDictionary<string, ServiceSpec> services)
    {
        ArgumentNullException.ThrowIfNull(services);
        var waitingOn = WaitingOn(services);
        var ready = new SortedSet<string>(waitingOn.Where(w => w.Value.Count == 0).Select(w => w.Key), StringComparer.Ordinal);
        var order = new List<string>(services.Count);
        while (ready.Count > 0)
        {
            var next = ready.Min!;
            ready.Remove(next);
            order.Add(next);
            waitingOn.Remove(next);
            foreach (var (name, dependencies) in waitingOn)
            {
                if (dependencies.Remove(next) && dependencies.Count == 0)
                {
                    ready.Add(name);
                }
            }
        }
        order.AddRange(waitingOn.Keys.Order(StringComparer.Ordinal));
        return order;
    }

    private static Dictionary<string, HashSet<string>> WaitingOn(IReadOnlyDictionary<string, ServiceSpec> services) =>
        services.ToDictionary(
            s => s.Key,
            s => s.Value.DependsOn.Keys.Concat(SharedNamespaces(s.Value).Select(n => n.Service))
                .Where(d => d != s.Key && services.ContainsKey(d)).ToHashSet(StringComparer.Ordinal),
            StringComparer.Ordinal);

    /// <summary>
    /// The services whose namespaces this one joins (<c>network_mode</c>, <c>pid</c>, <c>ipc</c> of <c>service:x</c>), with
    /// the key that says so. Joining is by container, so a recreated x means recreating this one too.
    /// </summary>
    public static IEnumerable<(string Field, string Service)> SharedNamespaces(ServiceSpec service)
    {
        ArgumentNullException.ThrowIfNull(service);
        const string Prefix = "service:";
        foreach (var (field, mode) in new[] { ("network_mode", service.NetworkMode), ("pid", service.Pid), ("ipc", service.Ipc) })
        {
            if (mode is not null && mode.StartsWith(Prefix, StringComparison.Ordinal))
            {
                yield return (field, mode[Prefix.Length..]);
            }
        }
    }

    /// <summary>The service whose network stack this one shares (<c>network_mode: service:x</c>), if any.</summary>
    public static string? NetworkService(ServiceSpec service)
    {
        ArgumentNullException.ThrowIfNull(service);
        const string Prefix = "service:";
        return service.NetworkMode is { } mode && mode.StartsWith(Prefix, StringComparison.Ordinal) ? mode[Prefix.Length..] : null;
    }
}
