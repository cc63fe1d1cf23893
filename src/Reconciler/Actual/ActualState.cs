using GitOps.Reconciler.Common;

namespace GitOps.Reconciler.Actual;

/// <summary>What the engine runs for the agent's stacks, read by labels. Unmanaged resources never appear here.</summary>
/// <param name="Images">Local images by the reference the desired state names (absent when not present locally).</param>
public sealed record ActualState(ValueMap<ActualStack> Stacks, ValueMap<ImageInfo> Images)
{
    public static readonly ActualState Empty = new(ValueMap<ActualStack>.Empty, ValueMap<ImageInfo>.Empty);
}

/// <summary>
/// A local image known under a reference, with its id and repo digests. <see cref="RegistryDigest"/> is the
/// digest the registry currently serves for the reference; it is only looked up for <c>pull_policy: always</c>.
/// </summary>
public sealed record ImageInfo(string Reference, string Id, ValueList<string> RepoDigests, string? RegistryDigest = null);
