namespace GitOps.Reconciler.Secrets.Sops;

/// <summary>A decrypted SOPS file: its values in plaintext (typed), or the raw bytes for the binary layout.</summary>
public sealed record SopsPlaintext(SopsFormat Format, SopsMap Tree, byte[]? Binary);
