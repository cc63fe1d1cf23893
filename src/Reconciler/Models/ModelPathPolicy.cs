using GitOps.Reconciler.Desired;

namespace GitOps.Reconciler.Models;

/// <summary>
/// Where a model may be linked on this host (pure): never inside the agent's own state directory or around it, only
/// below one of <c>models.allowedRoots</c>, and never over something the agent did not make.
/// </summary>
public static class ModelPathPolicy
{
    /// <summary>Why the model may not be installed at its path; null when it may.</summary>
    /// <param name="resolvedPath">The path with symlinks of its parent directories resolved, so a link cannot lead out of the roots.</param>
    /// <param name="resolvedRoots">The allowed roots with their symlinks resolved.</param>
    public static string? Refusal(ModelSpec spec, string resolvedPath, string stateDirectory, IReadOnlyList<string> resolvedRoots, ModelPathEntry existing)
    {
        var where = $"model '{spec.Name}' ({spec.PathAt})";
        var state = stateDirectory.TrimEnd('/');
        if (IsAtOrBelow(resolvedPath, state) || IsAtOrBelow(state, resolvedPath))
        {
            return $"{where}: path '{spec.Path}' overlaps the agent's state directory {state}; refused";
        }
        if (!resolvedRoots.Any(root => IsBelow(resolvedPath, root.TrimEnd('/'))))
        {
            return $"{where}: path '{spec.Path}' is outside the allowed roots ({string.Join(", ", resolvedRoots)}); "
                + "set models.allowedRoots in agent.yaml to allow another directory";
        }
        return existing switch
        {
            ModelPathEntry.File => $"{where}: path '{spec.Path}' is an existing file the agent did not create; refused, nothing overwritten",
            ModelPathEntry.Directory when !spec.Adopt =>
                $"{where}: path '{spec.Path}' is an existing directory the agent did not create; refused, nothing overwritten (set adopt: true to move it aside and manage the path)",
            _ => null,
        };
    }

    private static bool IsBelow(string path, string root) => path.StartsWith(root + "/", StringComparison.Ordinal);

    private static bool IsAtOrBelow(string path, string root) => path == root || IsBelow(path, root);
}
