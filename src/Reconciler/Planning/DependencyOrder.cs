using GitOps.Reconciler.Compose;

namespace GitOps.Reconciler.Planning;

/// <summary>
/// Services in start order: every service after the services it depends on (<c>depends_on</c>, and
/// <c>network_mode: service:x</c>, which needs x's container to exist); among services that are
/// ready at the same time, by name. Dependencies on services that are not in the set (optional ones,
/// inactive profiles) are ignored. A cycle (the loader rejects them) cannot stall the order: its
/// members follow the rest, by name.
/// </summary>
public static class DependencyOrder
{
    public static IReadOnlyList<string> Of(IReadOnlyDictionary<string, ServiceSpec> services)
    {
        ArgumentNullException.ThrowIfNull(services);
        var waitingOn = services.ToDictionary(
            s => s.Key,
            s => s.Value.DependsOn.Keys.Append(NetworkService(s.Value) ?? s.Key)
                .Where(d => d != s.Key && services.ContainsKey(d)).ToHashSet(StringComparer.Ordinal),
            StringComparer.Ordinal);
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

    /// <summary>The service whose network stack this one shares (<c>network_mode: service:x</c>), if any.</summary>
    public static string? NetworkService(ServiceSpec service)
    {
        ArgumentNullException.ThrowIfNull(service);
        const string Prefix = "service:";
        return service.NetworkMode is { } mode && mode.StartsWith(Prefix, StringComparison.Ordinal) ? mode[Prefix.Length..] : null;
    }
}
