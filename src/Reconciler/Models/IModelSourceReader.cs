using GitOps.Reconciler.Desired;

namespace GitOps.Reconciler.Models;

/// <summary>Reads model files from one kind of source, from an offset when the source can (HTTP Range, S3 ranged GET).</summary>
public interface IModelSourceReader
{
    /// <exception cref="ModelDownloadException">A failure that retrying cannot fix (404, access denied, no credentials).</exception>
    Task<ModelSourceStream> OpenAsync(ModelFile file, ModelFetchContext context, long offset, CancellationToken cancellationToken);

    /// <summary>The file's size as the source announces it, without reading it (HTTP HEAD, S3 metadata); null when it does not say.</summary>
    Task<long?> SizeAsync(ModelFile file, ModelFetchContext context, CancellationToken cancellationToken);
}
