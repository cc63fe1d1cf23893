namespace GitOps.Reconciler.Compose;

/// <summary>
/// The Engine API version the agent speaks, and the versions that introduced compose features it therefore refuses,
/// so a refusal can say what it would take. Here, with the compose reader that refuses them; the engine client
/// (<c>Engine.DockerEngine</c>) speaks <see cref="Version"/>.
/// </summary>
public static class EngineApi
{
    /// <summary>Docker 20.10, the oldest engine the agent supports.</summary>
    public static readonly Version Version = new(1, 41);

    /// <summary>Mount <c>BindOptions.ReadOnlyNonRecursive</c>/<c>ReadOnlyForceRecursive</c> (compose's <c>bind.recursive</c>).</summary>
    public const string RecursiveBind = "1.44";

    /// <summary>Mount <c>VolumeOptions.Subpath</c> (compose's <c>volume.subpath</c>).</summary>
    public const string VolumeSubpath = "1.45";
}
