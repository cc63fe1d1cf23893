namespace GitOps.Reconciler.Compose;

/// <summary>A top-level secret or config: where its content comes from and the content's hash.</summary>
/// <param name="Content">The inline content of a <see cref="GrantSource.Content"/> config; it travels beside the spec, not in it.</param>
/// <param name="Decrypted">The plaintext of an encrypted file source; it travels beside the spec, never to the revision directory.</param>
internal sealed record GrantDefinition(string Name, GrantSource Source, string SourceRef, string ContentSha256, string? Content = null, Secrets.SecretContent? Decrypted = null);
