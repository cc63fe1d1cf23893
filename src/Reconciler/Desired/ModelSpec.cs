namespace GitOps.Reconciler.Desired;

/// <summary>A pinned model artifact: fetched from <see cref="Source"/>, checked against <see cref="Sha256"/>, placed in <see cref="Path"/>.</summary>
/// <param name="Source">An http(s) URL, or a file path relative to the repository root.</param>
/// <param name="Sha256">64 lowercase hex digits.</param>
/// <param name="Path">Absolute destination directory on the host, without a trailing slash.</param>
public sealed record ModelSpec(string Name, string Version, string Source, string Sha256, string Path);
