using GitOps.Reconciler.Common;
using GitOps.Reconciler.Diagnostics;
using GitOps.Reconciler.Repository;

namespace GitOps.Reconciler.Desired;

/// <summary>Finds and loads inventory.yaml, <c>stacks/*/</c>, <c>tasks/*.yaml</c> and <c>models/*.yaml</c>.</summary>
public static class RepoDefinitionsLoader
{
    public static RepoDefinitions Load(RepoDirectory repo, DiagnosticBag diagnostics)
    {
        RepoLayout.CheckRoot(repo, diagnostics);
        var inventory = InventoryLoader.Load(repo, diagnostics);

        var stacks = new List<KeyValuePair<string, StackDefinition>>();
        foreach (var directory in RepoLayout.StackDirectories(repo, diagnostics))
        {
            var name = directory["stacks/".Length..];
            if (!ResourceName.IsValid(name))
            {
                diagnostics.Error(SourcePosition.StartOf(directory), $"invalid stack name '{name}'; expected {ResourceName.Rule}");
                continue;
            }
            if (StackDefinitionLoader.Load(repo, directory, inventory, diagnostics) is { } stack)
            {
                stacks.Add(KeyValuePair.Create(name, stack));
            }
        }

        var tasks = new List<KeyValuePair<string, TaskDefinition>>();
        foreach (var (name, file) in YamlFiles(repo, "tasks", "task", diagnostics))
        {
            if (TaskDefinitionLoader.Load(repo, file, name, inventory, diagnostics) is { } task)
            {
                tasks.Add(KeyValuePair.Create(name, task));
            }
        }

        var models = new List<KeyValuePair<string, ModelDefinition>>();
        foreach (var (name, file) in YamlFiles(repo, "models", "model", diagnostics))
        {
            if (ModelDefinitionLoader.Load(repo, file, name, inventory, diagnostics) is { } model)
            {
                models.Add(KeyValuePair.Create(name, model));
            }
        }
        return new RepoDefinitions(inventory, new(stacks), new(tasks), new(models));
    }

    /// <summary>The <c>.yaml</c>/<c>.yml</c> files of a directory by resource name; a name defined twice or an invalid name is an error.</summary>
    private static List<(string Name, string File)> YamlFiles(RepoDirectory repo, string directory, string kind, DiagnosticBag diagnostics)
    {
        var files = RepoLayout.DefinitionFiles(repo, directory, kind, diagnostics);
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        var result = new List<(string, string)>();
        foreach (var file in files)
        {
            var fileName = file[(directory.Length + 1)..];
            var name = fileName[..fileName.LastIndexOf('.')];
            if (!ResourceName.IsValid(name))
            {
                diagnostics.Error(SourcePosition.StartOf(file), $"invalid {kind} name '{name}'; expected {ResourceName.Rule}");
                continue;
            }
            if (seen.TryGetValue(name, out var first))
            {
                diagnostics.Error(SourcePosition.StartOf(file), $"duplicate {kind} '{name}': also defined by {first}");
                continue;
            }
            seen[name] = file;
            result.Add((name, file));
        }
        return result;
    }
}
