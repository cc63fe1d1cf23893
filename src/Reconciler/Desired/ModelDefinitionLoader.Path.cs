using GitOps.Reconciler.Yaml;

namespace GitOps.Reconciler.Desired;

public static partial class ModelDefinitionLoader
{
    /// <summary>System directories no model may replace, whatever agent.yaml allows.</summary>
    private static readonly string[] SystemDirectories = ["/etc", "/proc", "/sys", "/dev", "/boot", "/bin", "/sbin", "/lib", "/lib64", "/usr", "/run"];

    private static string? ReadPath(YamlMap map, string what, string name)
    {
        var path = map.String("path", required: true, what);
        if (path is null)
        {
            return null;
        }
        var at = map["path"]!.At(map.File);
        if (!path.StartsWith('/'))
        {
            map.Diagnostics.Error(at, $"path '{path}' must be an absolute directory on the host, such as /srv/models/{name}");
            return null;
        }
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments.Length == 0 || segments.Any(s => s is "." or ".."))
        {
            map.Diagnostics.Error(at, $"path '{path}' must name a directory below '/' without '.' or '..' segments");
            return null;
        }
        var normal = "/" + string.Join('/', segments);
        if (SystemDirectories.FirstOrDefault(d => normal == d || normal.StartsWith(d + "/", StringComparison.Ordinal)) is { } system)
        {
            map.Diagnostics.Error(at, $"path '{normal}' is inside the system directory {system}; models go below a directory such as /srv/models");
            return null;
        }
        return normal;
    }
}
