namespace GitOps.Reconciler.Models;

/// <summary>Resolves the symlinks along an absolute path as far as it exists, so policy checks see where a path really leads.</summary>
public static class PathResolution
{
    public static string Resolve(string path)
    {
        var parts = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var current = "/";
        for (var i = 0; i < parts.Length; i++)
        {
            var next = Path.Combine(current, parts[i]);
            var info = new FileInfo(next);
            if (info.LinkTarget is not null)
            {
                current = info.ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? next;
            }
            else if (Directory.Exists(next) || File.Exists(next))
            {
                current = next;
            }
            else
            {
                return Path.Combine([current, .. parts[i..]]);
            }
        }
        return current;
    }
}
