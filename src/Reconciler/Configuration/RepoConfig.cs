namespace GitOps.Reconciler.Configuration;

/// <summary>Where the desired state lives: URL, which ref, the sub-path inside the repo, and how to authenticate.</summary>
/// <param name="Path">Sub-path inside the repository holding inventory.yaml; empty for the root.</param>
public sealed record RepoConfig(string Url, GitRef Ref, string Path, RepoAuth Auth);
