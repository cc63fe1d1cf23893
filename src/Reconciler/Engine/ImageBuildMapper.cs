using Docker.DotNet.Models;
using GitOps.Reconciler.Compose;

namespace GitOps.Reconciler.Engine;

/// <summary>Pure translation of a <see cref="BuildSpec"/> into the engine's build parameters.</summary>
public static class ImageBuildMapper
{
    public static ImageBuildParameters ToParameters(string tag, BuildSpec build)
    {
        ArgumentNullException.ThrowIfNull(build);
        return new ImageBuildParameters
        {
            Tags = [tag],
            Dockerfile = build.Dockerfile,
            BuildArgs = build.Args.ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal),
            Target = build.Target!,
            Labels = build.Labels.ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal),
            NetworkMode = build.Network!,
            ExtraHosts = build.ExtraHosts.Count == 0 ? null! : [.. build.ExtraHosts],
            CacheFrom = build.CacheFrom.Count == 0 ? null! : [.. build.CacheFrom],
            // Intermediate containers of a failed step are not left behind on the host.
            Remove = true,
            ForceRemove = true,
        };
    }
}
