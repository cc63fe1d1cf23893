using GitOps.Reconciler.Diagnostics;

namespace GitOps.Reconciler.Compose;

/// <summary>
/// Checks the references between services: every target must exist, and the start order they imply
/// (depends_on, links, network_mode: service:x) must have no cycle. Each cycle is reported once, with its path.
/// </summary>
internal static class DependencyGraph
{
    /// <param name="declared">Every service name in the file, including services that could not be read.</param>
    public static void Validate(IReadOnlyDictionary<string, ServiceEntry> services, IReadOnlySet<string> declared, DiagnosticBag diagnostics)
    {
        foreach (var reference in services.Values.SelectMany(s => s.References))
        {
            if (!declared.Contains(reference.Target))
            {
                diagnostics.Error(reference.Position, $"service '{reference.From}' refers to undefined service '{reference.Target}' in {reference.Via}");
            }
        }
        var state = new Dictionary<string, bool>(StringComparer.Ordinal); // false = on the current path, true = done
        var reported = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in services.Keys.Order(StringComparer.Ordinal))
        {
            Visit(name, services, state, [], reported, diagnostics);
        }
    }

    private static void Visit(
        string name,
        IReadOnlyDictionary<string, ServiceEntry> services,
        Dictionary<string, bool> state,
        List<ServiceReference> path,
        HashSet<string> reported,
        DiagnosticBag diagnostics)
    {
        state[name] = false;
        foreach (var edge in services[name].References.Where(r => services.ContainsKey(r.Target)))
        {
            if (!state.TryGetValue(edge.Target, out var done))
            {
                path.Add(edge);
                Visit(edge.Target, services, state, path, reported, diagnostics);
                path.RemoveAt(path.Count - 1);
            }
            else if (!done)
            {
                ReportCycle([.. path, edge], edge.Target, reported, diagnostics);
            }
        }
        state[name] = true;
    }

    private static void ReportCycle(List<ServiceReference> path, string start, HashSet<string> reported, DiagnosticBag diagnostics)
    {
        var cycle = path.Skip(path.FindIndex(e => e.From == start)).ToList();
        var names = cycle.Select(e => e.From).Append(start).ToList();
        // The same cycle found from another entry point is the same mistake; name it once.
        var key = string.Join(">", cycle.Select(e => e.From).Order(StringComparer.Ordinal));
        if (reported.Add(key))
        {
            diagnostics.Error(cycle[0].Position, $"dependency cycle: {string.Join(" -> ", names)}");
        }
    }
}
