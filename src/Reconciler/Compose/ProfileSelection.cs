using GitOps.Reconciler.Common;
using GitOps.Reconciler.Diagnostics;

namespace GitOps.Reconciler.Compose;

/// <summary>
/// Keeps the services whose profiles are active (a service without profiles always runs; the profile <c>*</c>
/// activates all, as in compose). A selected service may not need a service left out; an optional dependency
/// (<c>required: false</c>) on one is dropped instead.
/// </summary>
internal static class ProfileSelection
{
    public static IReadOnlyCollection<ServiceSpec> Select(IReadOnlyDictionary<string, ServiceEntry> services, IReadOnlyCollection<string> activeProfiles, DiagnosticBag diagnostics)
    {
        var selected = services.Values
            .Where(s => s.Profiles.Count == 0 || activeProfiles.Contains("*") || s.Profiles.Any(activeProfiles.Contains))
            .ToDictionary(s => s.Spec.Name, StringComparer.Ordinal);
        var result = new List<ServiceSpec>();
        foreach (var entry in selected.Values)
        {
            var spec = entry.Spec;
            foreach (var reference in entry.References.Where(r => services.ContainsKey(r.Target) && !selected.ContainsKey(r.Target)))
            {
                if (reference.Required)
                {
                    diagnostics.Error(reference.Position, $"service '{reference.From}' needs service '{reference.Target}' ({reference.Via}), which is not enabled by the active profiles");
                }
                else
                {
                    spec = spec with { DependsOn = spec.DependsOn.Without(reference.Target) };
                }
            }
            result.Add(spec);
        }
        return result;
    }
}
