using Docker.DotNet.Models;

namespace GitOps.Reconciler.Engine;

public interface IDockerImages
{
    Task<IReadOnlyList<ImagesListResponse>> ListAsync(CancellationToken cancellationToken);

    /// <summary>Null when the image is not present locally.</summary>
    Task<ImageInspectResponse?> InspectAsync(string reference, CancellationToken cancellationToken);

    /// <summary>Pulls <paramref name="reference"/>; throws <see cref="ImagePullException"/> when the engine reports an error.</summary>
    Task PullAsync(string reference, IProgress<JSONMessage> progress, CancellationToken cancellationToken);

    /// <summary>
    /// Builds an image from <paramref name="context"/> (a tar of the build context); throws <see cref="ImageBuildException"/>
    /// with the last lines of the build output when the engine reports an error.
    /// </summary>
    Task BuildAsync(ImageBuildParameters parameters, Stream context, IProgress<JSONMessage> progress, CancellationToken cancellationToken);

    /// <summary>The manifest digest the registry serves for <paramref name="reference"/> (distribution inspect).</summary>
    Task<string> RegistryDigestAsync(string reference, CancellationToken cancellationToken);
}
