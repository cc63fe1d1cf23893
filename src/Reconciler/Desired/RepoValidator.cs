using GitOps.Reconciler.Common;
using GitOps.Reconciler.Compose;
using GitOps.Reconciler.Diagnostics;
using GitOps.Reconciler.Repository;

namespace GitOps.Reconciler.Desired;

/// <summary>
/// Validates a whole config repo, as its CI would: every file once, then the desired state of every host
/// of the inventory (or of one host). A finding that several hosts share is reported once.
/// </summary>
public sealed class RepoValidator(Func<ComposeSource, DiagnosticBag, StackSpec?>? loadCompose = null)
{
    /// <summary>The host's identities (validate --host with --config); structure-only by default: encrypted files are
    /// reported as not decrypted.</summary>
    public Secrets.SecretKeyring Secrets { get; init; } = GitOps.Reconciler.Secrets.SecretKeyring.StructureOnly;

    /// <summary>A further check of each host's desired state (a host policy), reported with the repo's own findings.</summary>
    public Action<DesiredState, DiagnosticBag>? CheckHost { get; init; }

    public RepoValidation Validate(RepoDirectory repo, string? host = null)
    {
        var findings = new DiagnosticBag();
        var definitions = RepoDefinitionsLoader.Load(repo, findings);
        var hosts = host is not null ? [host] : definitions.Inventory?.Hosts.Keys.ToList() ?? [];
        var all = new List<Diagnostic>(findings.Items);
        foreach (var name in hosts)
        {
            var bag = new DiagnosticBag();
            if (new DesiredStateLoader(loadCompose) { Secrets = Secrets }.ForHost(repo, definitions, name, bag) is { } desired)
            {
                CheckHost?.Invoke(desired, bag);
            }
            all.AddRange(bag.Items);
        }
        if (host is null && definitions.Inventory is { } inventory)
        {
            all.AddRange(Untargeted(definitions, inventory));
        }
        var unique = all.Distinct()
            .OrderBy(d => d.Position.File, StringComparer.Ordinal)
            .ThenBy(d => d.Position.Line)
            .ThenBy(d => d.Position.Column)
            .ThenBy(d => d.Message, StringComparer.Ordinal)
            .ToList();
        return new RepoValidation(ValueList.From(hosts), unique);
    }

    /// <summary>Resources whose targets match no host: never loaded for a host, so probably a mistake.</summary>
    private static IEnumerable<Diagnostic> Untargeted(RepoDefinitions definitions, Inventory inventory)
    {
        bool Unused(ValueList<string> targets) => targets.Count > 0 && !inventory.Hosts.Keys.Any(h => inventory.Targets(targets, h));
        var files = definitions.Stacks.Values.Where(s => Unused(s.Targets)).Select(s => (s.Directory + "/" + StackDefinitionLoader.StackFile, $"stack '{s.Name}'"))
            .Concat(definitions.Tasks.Values.Where(t => Unused(t.Targets)).Select(t => (t.File, $"task '{t.Name}'")))
            .Concat(definitions.Models.Values.Where(m => Unused(m.Targets)).Select(m => (m.File, $"model '{m.Spec.Name}'")));
        return files.Select(f => new Diagnostic(Severity.Warning, SourcePosition.StartOf(f.Item1), $"{f.Item2} targets no host of the inventory, so it applies nowhere"));
    }
}
