namespace GitOps.Reconciler.Models;

/// <summary>What a read needs besides the file: the checked-out repository (for repository paths) and the model's token file.</summary>
public sealed record ModelFetchContext(string RepoRoot, string? BearerTokenFile);
