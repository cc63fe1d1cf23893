namespace GitOps.Reconciler.Desired;

/// <summary>A pinned model artifact: fetched from <see cref="Source"/>, checked against <see cref="Sha256"/>, placed at <see cref="Path"/>.</summary>
public sealed record ModelSpec(string Name, string Version, string Source, string Sha256, string Path);
