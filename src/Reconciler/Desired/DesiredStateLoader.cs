using GitOps.Reconciler.Common;
using GitOps.Reconciler.Compose;
using GitOps.Reconciler.Diagnostics;
using GitOps.Reconciler.Repository;

namespace GitOps.Reconciler.Desired;

/// <summary>
/// Loads what one host should run from a checked-out config repo: the stacks, tasks and models that
/// target the host or one of its groups, with the host's variables applied.
/// </summary>
/// <param name="loadCompose">Loads one compose file for one host; <see cref="ComposeLoader.Load"/> unless a test substitutes it.</param>
public sealed class DesiredStateLoader(Func<ComposeSource, DiagnosticBag, StackSpec?>? loadCompose = null)
{
    /// <summary>The host's age identities for SOPS files; structure-only when not given.</summary>
    public Secrets.SecretKeyring Secrets { get; init; } = GitOps.Reconciler.Secrets.SecretKeyring.StructureOnly;

    /// <summary>The host's key for the content hashes of secret and config files (see <see cref="Compose.ComposeSource.HashKey"/>).</summary>
    public Secrets.ConfigHashKey HashKey { get; init; } = GitOps.Reconciler.Secrets.ConfigHashKey.Unkeyed;

    /// <summary>
    /// Whether the agent has a fleet store, which a fleet task (<c>runOn</c>) needs; null when unknown (the config repo's
    /// own CI validates without an agent), so it is not checked.
    /// </summary>
    public bool? FleetStore { get; init; }

    private readonly Func<ComposeSource, DiagnosticBag, StackSpec?> _loadCompose = loadCompose ?? ComposeLoader.Load;

    /// <summary>
    /// The host's desired state, or null when the repo has errors (all reported to <paramref name="diagnostics"/>).
    /// An error in any file counts, even one not targeting this host: a file that does not parse might have targeted it.
    /// </summary>
    public DesiredState? Load(RepoDirectory repo, string host, DiagnosticBag diagnostics)
    {
        ArgumentNullException.ThrowIfNull(diagnostics);
        var definitions = RepoDefinitionsLoader.Load(repo, diagnostics);
        var state = ForHost(repo, definitions, host, diagnostics);
        return diagnostics.HasErrors ? null : state;
    }

    /// <summary>The host's desired state from already loaded definitions, or null when this host's part has errors.</summary>
    public DesiredState? ForHost(RepoDirectory repo, RepoDefinitions definitions, string host, DiagnosticBag diagnostics)
    {
        ArgumentNullException.ThrowIfNull(definitions);
        ArgumentNullException.ThrowIfNull(diagnostics);
        var inventory = definitions.Inventory;
        if (inventory is null)
        {
            return null;
        }
        if (!inventory.Hosts.TryGetValue(host, out var entry))
        {
            diagnostics.Error(SourcePosition.StartOf(Inventory.FileName), $"host '{host}' is not in inventory.yaml; add it under 'hosts:'");
            return null;
        }
        var errorsBefore = diagnostics.ErrorCount;
        var variables = HostVariables.For(inventory, host);

        var stacks = new List<KeyValuePair<string, DesiredStack>>();
        foreach (var stack in definitions.Stacks.Values.Where(s => inventory.Targets(s.Targets, host)))
        {
            var merged = StackVariables.For(stack, variables, diagnostics, Secrets, out var secretVariables);
            var source = new ComposeSource(repo, stack.Directory, stack.ComposeFile, stack.Name, merged, stack.Profiles) { ProfilePositions = stack.ProfilePositions, AllowBuild = stack.Policy.AllowBuild, Secrets = Secrets, SensitiveFiles = stack.Sensitive, HashKey = HashKey, SecretVariables = secretVariables };
            if (_loadCompose(source, diagnostics) is { } spec)
            {
                var grantValues = GrantValuesOf(spec, merged);
                stacks.Add(KeyValuePair.Create(stack.Name, new DesiredStack(spec, stack.Policy)
                {
                    GrantValues = grantValues,
                    DecryptedGrantVariables = ValueList.Sorted(grantValues.Keys.Intersect(secretVariables, StringComparer.Ordinal), StringComparer.Ordinal),
                }));
            }
        }

        HostCollisions.Check(host, [.. stacks.Select(s => (s.Key, s.Value.Compose))], diagnostics);

        var tasks = new List<KeyValuePair<string, TaskSpec>>();
        foreach (var task in definitions.Tasks.Values.Where(t => inventory.Targets(t.Targets, host)))
        {
            if (task.ForHost(variables, host, diagnostics) is { } spec && TaskReferences.Check(task, stacks, host, diagnostics)
                && FleetTaskGroup.Check(task, spec, inventory, host, FleetStore, diagnostics))
            {
                tasks.Add(KeyValuePair.Create(task.Name, spec));
            }
        }

        var models = new List<KeyValuePair<string, ModelSpec>>();
        foreach (var model in definitions.Models.Values.Where(m => inventory.Targets(m.Targets, host)))
        {
            var clash = models.Find(m => m.Value.Path == model.Spec.Path).Value;
            if (clash is not null)
            {
                diagnostics.Error(model.PathAt, $"models '{clash.Name}' and '{model.Spec.Name}' both install to '{model.Spec.Path}' on host '{host}'; give each model its own directory");
                continue;
            }
            if (ModelConsumers.Check(model, stacks, host, diagnostics))
            {
                models.Add(KeyValuePair.Create(model.Spec.Name, model.Spec));
            }
        }

        if (diagnostics.ErrorCount > errorsBefore)
        {
            return null;
        }
        return new DesiredState(
            host,
            ValueList.Sorted(entry.Groups, StringComparer.Ordinal),
            new ValueMap<DesiredStack>(stacks),
            new ValueMap<TaskSpec>(tasks),
            new ValueMap<ModelSpec>(models),
            inventory.Policy)
        {
            TaskPositions = ValueMap.From(definitions.Tasks.Values
                .Where(t => t.Positions is not null && tasks.Exists(k => k.Key == t.Name))
                .Select(t => KeyValuePair.Create(t.Name, t.Positions!))),
        };
    }

    private static ValueMap<string> GrantValuesOf(StackSpec spec, IReadOnlyDictionary<string, string> variables) =>
        ValueMap.From(spec.Services.Values
            .SelectMany(service => service.Secrets.Concat(service.Configs))
            .Where(grant => grant.Source == GrantSource.Environment && variables.ContainsKey(grant.SourceRef))
            .Select(grant => grant.SourceRef)
            .Distinct(StringComparer.Ordinal)
            .Select(name => KeyValuePair.Create(name, variables[name]))
            .Concat(spec.GrantContents));
}
