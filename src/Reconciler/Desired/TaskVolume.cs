using System.Text.RegularExpressions;
using GitOps.Reconciler.Compose;
using GitOps.Reconciler.Diagnostics;

namespace GitOps.Reconciler.Desired;

/// <summary>
/// A task's <c>volumes:</c> entry, <c>SOURCE:TARGET[:ro|:rw]</c>. Tasks have no stack directory to resolve
/// relative paths against, so SOURCE is an absolute host path (a bind mount) or a volume name.
/// </summary>
public static partial class TaskVolume
{
    public static MountSpec? Parse(string entry, SourcePosition at, DiagnosticBag diagnostics)
    {
        var parts = entry.Split(':');
        if (parts.Length is < 2 or > 3 || (parts.Length == 3 && parts[2] is not ("ro" or "rw")))
        {
            diagnostics.Error(at, $"invalid volume '{entry}'; expected SOURCE:TARGET or SOURCE:TARGET:ro with an absolute host path or a volume name as SOURCE");
            return null;
        }
        var (source, target) = (parts[0], parts[1]);
        if (!target.StartsWith('/'))
        {
            diagnostics.Error(at, $"volume target '{target}' must be an absolute path inside the container");
            return null;
        }
        var readOnly = parts.Length == 3 && parts[2] == "ro";
        if (source.StartsWith('/'))
        {
            return new MountSpec(MountType.Bind, NormalisePath(source), NormalisePath(target), readOnly);
        }
        if (!VolumeName().IsMatch(source))
        {
            diagnostics.Error(at, $"volume source '{source}' must be an absolute host path or a volume name; relative paths are not allowed for tasks");
            return null;
        }
        return new MountSpec(MountType.Volume, source, NormalisePath(target), readOnly);
    }

    private static string NormalisePath(string path) => path.Length > 1 ? path.TrimEnd('/') : path;

    [GeneratedRegex("^[a-zA-Z0-9][a-zA-Z0-9_.-]*$")]
    private static partial Regex VolumeName();
}
