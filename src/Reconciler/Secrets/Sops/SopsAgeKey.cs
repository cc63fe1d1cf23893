namespace GitOps.Reconciler.Secrets.Sops;

/// <summary>One age recipient of a SOPS file and the data key encrypted to it (an armored age file).</summary>
public sealed record SopsAgeKey(string Recipient, string EncryptedDataKey);
