namespace GitOps.Reconciler.Compose;

/// <summary>A service's use of a secret or config, before it is joined with the top-level definition.</summary>
internal sealed record GrantRequest(string Source, string? Target, string? Uid, string? Gid, int? Mode);
