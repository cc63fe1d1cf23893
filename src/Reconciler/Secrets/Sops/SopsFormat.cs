namespace GitOps.Reconciler.Secrets.Sops;

/// <summary>The SOPS file layouts the agent reads and writes.</summary>
public enum SopsFormat
{
    Yaml,
    Json,
    Dotenv,
    /// <summary>A whole file kept as one encrypted string under <c>data</c>, metadata beside it (JSON).</summary>
    Binary,
}
