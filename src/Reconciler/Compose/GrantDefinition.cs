namespace GitOps.Reconciler.Compose;

/// <summary>A top-level secret or config: where its content comes from and the content's hash.</summary>
internal sealed record GrantDefinition(string Name, GrantSource Source, string SourceRef, string ContentSha256);
