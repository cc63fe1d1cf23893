using GitOps.Reconciler.Diagnostics;
using GitOps.Reconciler.Repository;

namespace GitOps.Reconciler.Desired;

/// <summary>
/// Lists what the repository layout defines (<c>stacks/&lt;name&gt;/</c>, <c>tasks/*.yaml</c>, <c>models/*.yaml</c>) and
/// says what it ignores: an entry that looks like a misspelt part of the layout (<c>stack/</c>, <c>inventory.yml</c>)
/// or a file the loaders never read (<c>tasks/x.json</c>) is a warning; an entry that cannot be what its place
/// requires (<c>stacks</c> as a file, <c>tasks/x.yaml</c> as a directory, a symlink loop) is an error.
/// Hidden entries (<c>.git</c>, <c>.gitkeep</c>) and Markdown notes are never reported.
/// </summary>
public static class RepoLayout
{
    private static readonly string[] Known = [Inventory.FileName, "stacks", "tasks", "models"];

    /// <summary>Reports root entries that are not part of the layout but look as if they were meant to be.</summary>
    public static void CheckRoot(RepoDirectory repo, DiagnosticBag diagnostics)
    {
        ArgumentNullException.ThrowIfNull(repo);
        ArgumentNullException.ThrowIfNull(diagnostics);
        foreach (var entry in repo.Entries(""))
        {
            if (entry.IsHidden || IsNote(entry.Name))
            {
                continue;
            }
            if (entry.Kind == RepoEntryKind.Unreadable)
            {
                diagnostics.Error(SourcePosition.StartOf(entry.Name), $"cannot read '{entry.Name}': {entry.Problem}");
                continue;
            }
            if (Array.IndexOf(Known, entry.Name) >= 0)
            {
                if (entry.Name != Inventory.FileName && entry.Kind == RepoEntryKind.File)
                {
                    diagnostics.Error(SourcePosition.StartOf(entry.Name), $"'{entry.Name}' is a file; expected a directory ({Example(entry.Name)})");
                }
                continue;
            }
            if (Known.FirstOrDefault(k => LooksLike(entry.Name, k)) is { } meant)
            {
                diagnostics.Warning(SourcePosition.StartOf(entry.Name), $"'{entry.Name}' is not part of the repository layout and is ignored; did you mean '{meant}'?");
            }
        }
    }

    /// <summary>The stack directories under <c>stacks/</c>; other entries there are reported.</summary>
    public static IReadOnlyList<string> StackDirectories(RepoDirectory repo, DiagnosticBag diagnostics)
    {
        ArgumentNullException.ThrowIfNull(repo);
        ArgumentNullException.ThrowIfNull(diagnostics);
        var result = new List<string>();
        foreach (var entry in repo.Entries("stacks").Where(e => !e.IsHidden))
        {
            switch (entry.Kind)
            {
                case RepoEntryKind.Directory:
                    result.Add(entry.Path);
                    break;
                case RepoEntryKind.Unreadable:
                    diagnostics.Error(SourcePosition.StartOf(entry.Path), $"cannot read '{entry.Path}': {entry.Problem}");
                    break;
                case RepoEntryKind.File when !IsNote(entry.Name):
                    diagnostics.Warning(SourcePosition.StartOf(entry.Path), $"'{entry.Path}' is ignored: a stack is a directory stacks/<name>/ holding its compose file");
                    break;
            }
        }
        return result;
    }

    /// <summary>The <c>.yaml</c>/<c>.yml</c> files of <c>tasks/</c> or <c>models/</c>; other entries there are reported.</summary>
    public static IReadOnlyList<string> DefinitionFiles(RepoDirectory repo, string directory, string kind, DiagnosticBag diagnostics)
    {
        ArgumentNullException.ThrowIfNull(repo);
        ArgumentNullException.ThrowIfNull(diagnostics);
        var result = new List<string>();
        foreach (var entry in repo.Entries(directory).Where(e => !e.IsHidden))
        {
            var yaml = entry.Name.EndsWith(".yaml", StringComparison.Ordinal) || entry.Name.EndsWith(".yml", StringComparison.Ordinal);
            var at = SourcePosition.StartOf(entry.Path);
            switch (entry.Kind)
            {
                case RepoEntryKind.File when yaml:
                    result.Add(entry.Path);
                    break;
                case RepoEntryKind.Unreadable:
                    diagnostics.Error(at, $"cannot read '{entry.Path}': {entry.Problem}");
                    break;
                case RepoEntryKind.Directory when yaml:
                    diagnostics.Error(at, $"'{entry.Path}' is a directory; expected the file that defines {kind} '{entry.Name[..entry.Name.LastIndexOf('.')]}'");
                    break;
                case RepoEntryKind.Directory:
                    diagnostics.Warning(at, $"'{entry.Path}/' is ignored: {kind}s are the .yaml files directly in {directory}/");
                    break;
                case RepoEntryKind.File when !IsNote(entry.Name):
                    diagnostics.Warning(at, $"'{entry.Path}' is ignored: only .yaml and .yml files in {directory}/ define {kind}s");
                    break;
            }
        }
        return result;
    }

    private static string Example(string name) => name switch
    {
        "stacks" => "stacks/<name>/compose.yaml",
        "tasks" => "tasks/<name>.yaml",
        _ => "models/<name>.yaml",
    };

    private static bool IsNote(string name) => name.EndsWith(".md", StringComparison.OrdinalIgnoreCase);

    /// <summary>A name one edit away from a layout name, or the same but for case or file extension.</summary>
    private static bool LooksLike(string name, string known)
    {
        var lower = name.ToLowerInvariant();
        return Stem(lower) == Stem(known) || Distance(lower, known) <= 1;
    }

    private static string Stem(string name) => name.Contains('.', StringComparison.Ordinal) ? name[..name.IndexOf('.', StringComparison.Ordinal)] : name;

    /// <summary>Levenshtein distance.</summary>
    private static int Distance(string a, string b)
    {
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var current = new int[b.Length + 1];
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            }
            previous = current;
        }
        return previous[b.Length];
    }
}
