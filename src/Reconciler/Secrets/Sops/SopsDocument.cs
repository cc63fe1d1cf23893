namespace GitOps.Reconciler.Secrets.Sops;

/// <summary>A SOPS file as read: its layout, its values (still encrypted) and its metadata.</summary>
public sealed record SopsDocument(SopsFormat Format, SopsMap Tree, SopsMetadata Metadata);
