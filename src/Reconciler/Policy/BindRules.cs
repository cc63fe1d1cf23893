using GitOps.Reconciler.Compose;

namespace GitOps.Reconciler.Policy;

/// <summary>
/// Which host paths a container may see: below its own stack directory, the model roots, <c>policy.allowedBindRoots</c>
/// or an exception's <c>bindMounts</c>. The engine's socket (or a directory holding it) needs <c>dockerSocket</c>.
/// </summary>
internal static class BindRules
{
    /// <summary>Where the Docker engine's socket usually is (<c>/var/run</c> is a link to <c>/run</c>).</summary>
    private static readonly string[] EngineSockets = ["/var/run/docker.sock", "/run/docker.sock"];

    public static void Check(string source, string target, string? stackDirectory, PolicyJudge judge)
    {
        var path = Normalise(source);
        var exposesSocket = EngineSockets.Any(socket => IsBelow(socket, path));
        if (exposesSocket && !judge.Allowed(e => e.DockerSocket))
        {
            judge.RefuseMount(target, $"bind-mounts '{path}', which is or holds the Docker engine's socket: whoever holds it controls every container and the host",
                "dockerSocket: true");
            return;
        }
        if (exposesSocket && EngineSockets.Contains(path, StringComparer.Ordinal))
        {
            return;
        }
        var roots = judge.Policy.AllowedBindRoots.Concat(judge.Policy.ModelRoots)
            .Concat(judge.Policy.ExceptionsFor(judge.Owner.Stack, judge.Owner.Task).SelectMany(e => e.BindMounts));
        if (stackDirectory is not null)
        {
            roots = roots.Append(stackDirectory);
        }
        if (!roots.Any(root => IsBelow(path, Normalise(root))))
        {
            judge.RefuseMount(target, $"bind-mounts the host path '{path}', outside the stack's directory, the model roots and policy.allowedBindRoots",
                $"bindMounts: [{path}]", $"policy.allowedBindRoots: [{path}]");
        }
    }

    /// <summary>The host directory a local volume binds (<c>driver_opts: {type: none, o: bind, device: /path}</c>), or null.</summary>
    public static string? DeviceOf(VolumeSpec volume)
    {
        if (volume.External || volume.Driver is not ("local" or "")
            || !volume.DriverOptions.TryGetValue("o", out var options) || !volume.DriverOptions.TryGetValue("device", out var device))
        {
            return null;
        }
        return options.Split(',').Any(o => o.Trim() is "bind" or "rbind") ? device : null;
    }

    private static string Normalise(string path)
    {
        var full = Path.GetFullPath(path, "/");
        return full.Length > 1 ? full.TrimEnd('/') : full;
    }

    private static bool IsBelow(string path, string root) =>
        root == "/" || path == root || path.StartsWith(root + "/", StringComparison.Ordinal);
}
