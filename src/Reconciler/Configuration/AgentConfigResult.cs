namespace GitOps.Reconciler.Configuration;

/// <summary>A loaded configuration, or every mistake found (each prefixed with where it comes from).</summary>
public sealed record AgentConfigResult(AgentConfig? Config, IReadOnlyList<string> Errors)
{
    public bool IsValid => Config is not null && Errors.Count == 0;
}
