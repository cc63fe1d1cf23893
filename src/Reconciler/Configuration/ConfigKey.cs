namespace GitOps.Reconciler.Configuration;

/// <summary>A leaf setting: its dotted path in agent.yaml and the environment variable that overrides it.</summary>
public sealed record ConfigKey(string Path, string EnvironmentVariable, string Description);
