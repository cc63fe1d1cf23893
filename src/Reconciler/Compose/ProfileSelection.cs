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

    /// <summary>Warns about an active profile that no service lists: probably misspelt, and it changes nothing.</summary>
    public static void WarnUnused(IReadOnlyDictionary<string, ServiceEntry> services, ComposeSource source, DiagnosticBag diagnostics)
    {
        var listed = services.Values.SelectMany(s => s.Profiles).ToHashSet(StringComparer.Ordinal);
        foreach (var profile in source.ActiveProfiles.Where(p => p != "*" && !listed.Contains(p)).Order(StringComparer.Ordinal))
        {
            var at = source.ProfilePositions.TryGetValue(profile, out var position) ? position : SourcePosition.StartOf(source.ComposeFile);
            var known = listed.Count == 0 ? "no service has profiles" : "services list " + string.Join(", ", listed.Order(StringComparer.Ordinal).Select(p => $"'{p}'"));
            diagnostics.Warning(at, $"profile '{profile}' selects no service of {source.ComposeFile} ({known})");
        }
    }
}
