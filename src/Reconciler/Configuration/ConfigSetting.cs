namespace GitOps.Reconciler.Configuration;

/// <summary>One raw setting before conversion, with where it came from ("file:line:col" or the environment variable's name).</summary>
public sealed record ConfigSetting(string Key, string Value, string Origin);
