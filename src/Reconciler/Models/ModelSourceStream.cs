namespace GitOps.Reconciler.Models;

/// <summary>An open read of a model file from its source.</summary>
/// <param name="Offset">Where <see cref="Body"/> starts in the file: the requested offset when the source resumed, 0 when it sent the whole file.</param>
/// <param name="Length">The whole file's length when the source said it; null when it did not.</param>
public sealed record ModelSourceStream(Stream Body, long Offset, long? Length) : IDisposable
{
    public void Dispose() => Body.Dispose();
}
