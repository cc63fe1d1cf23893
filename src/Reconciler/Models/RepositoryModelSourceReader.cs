using GitOps.Reconciler.Desired;

namespace GitOps.Reconciler.Models;

/// <summary>Files kept in the config repository itself: read from the checked-out revision.</summary>
public sealed class RepositoryModelSourceReader : IModelSourceReader
{
    public Task<ModelSourceStream> OpenAsync(ModelFile file, ModelFetchContext context, long offset, CancellationToken cancellationToken)
    {
        var path = Path.Combine(context.RepoRoot, file.Source.Location);
        if (!File.Exists(path))
        {
            throw new ModelDownloadException($"source file '{file.Source.Location}' is missing from the checked-out revision");
        }
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20, FileOptions.SequentialScan);
        var length = stream.Length;
        stream.Seek(Math.Min(offset, length), SeekOrigin.Begin);
        return Task.FromResult(new ModelSourceStream(stream, Math.Min(offset, length), length));
    }

    public Task<long?> SizeAsync(ModelFile file, ModelFetchContext context, CancellationToken cancellationToken)
    {
        var info = new FileInfo(Path.Combine(context.RepoRoot, file.Source.Location));
        return Task.FromResult<long?>(info.Exists ? info.Length : null);
    }
}
