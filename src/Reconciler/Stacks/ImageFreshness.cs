using GitOps.Reconciler.Actual;
using GitOps.Reconciler.Common;
using GitOps.Reconciler.Compose;
using GitOps.Reconciler.Planning;

namespace GitOps.Reconciler.Stacks;

/// <summary>
/// Does a container still run the image its reference names? A tag can move: either the local image
/// for the reference has another id than the container's (pulled since, or retagged), or, under
/// <c>pull_policy: always</c>, the registry serves a digest the local image does not have.
/// </summary>
public static class ImageFreshness
{
    public static StaleImage? Check(ServiceSpec desired, ActualContainer container, ValueMap<ImageInfo> images)
    {
        ArgumentNullException.ThrowIfNull(desired);
        ArgumentNullException.ThrowIfNull(container);
        ArgumentNullException.ThrowIfNull(images);
        if (!images.TryGetValue(desired.Image, out var image))
        {
            return null;
        }
        if (desired.PullPolicy == PullPolicy.Always && image.RegistryDigest is { } served && !HasDigest(image, served))
        {
            var have = image.RepoDigests.Count == 0 ? null : string.Join(", ", image.RepoDigests.Select(DigestOf));
            return new StaleImage(new FieldChange("image.digest", DigestOf(served), have), PlanReasons.RegistryDigestChanged);
        }
        if (image.Id.Length > 0 && container.ImageId.Length > 0 && !string.Equals(image.Id, container.ImageId, StringComparison.Ordinal))
        {
            return new StaleImage(
                new FieldChange("image.id", FieldValue.ShortId(image.Id), FieldValue.ShortId(container.ImageId)),
                PlanReasons.ImageIdChanged);
        }
        return null;
    }

    /// <summary>Repo digests read <c>repo@sha256:...</c>; a registry digest may come with or without the repository.</summary>
    private static bool HasDigest(ImageInfo image, string served) =>
        image.RepoDigests.Any(d => string.Equals(DigestOf(d), DigestOf(served), StringComparison.Ordinal));

    private static string DigestOf(string reference)
    {
        var at = reference.LastIndexOf('@');
        return at >= 0 ? reference[(at + 1)..] : reference;
    }
}
