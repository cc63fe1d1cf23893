using GitOps.Reconciler.Common;

namespace GitOps.Reconciler.Compose;

/// <summary>
/// How to build a service's image on the host (<c>build:</c>, with the stack's <c>policy.allowBuild</c>). The image is
/// tagged <c>&lt;project&gt;-&lt;service&gt;:ctx-&lt;hash&gt;</c> by <see cref="ContextHash"/>, so an unchanged context is never rebuilt.
/// </summary>
/// <param name="Context">Absolute path of the build context, inside the repository.</param>
/// <param name="Dockerfile">The Dockerfile, relative to the context.</param>
/// <param name="ContextHash">SHA-256 over the context tree, the Dockerfile path, args and target.</param>
public sealed record BuildSpec(
    string Context,
    string Dockerfile,
    ValueMap<string> Args,
    string? Target,
    ValueMap<string> Labels,
    string? Network,
    ValueList<string> ExtraHosts,
    ValueList<string> CacheFrom,
    string ContextHash)
{
    public const string DefaultDockerfile = "Dockerfile";
}
