namespace GitOps.Reconciler.Configuration;

/// <summary>The agent's own settings (agent.yaml plus environment overrides), validated and with defaults filled.</summary>
public sealed record AgentConfig(
    string Host,
    RepoConfig Repo,
    TimeSpan PollInterval,
    double PollJitter,
    string StateDir,
    ListenAddress HttpListen,
    LogConfig Log,
    VerifyConfig Verify,
    int HistoryRetention)
{
    public const string DefaultPath = "/etc/gitops-agent/agent.yaml";
    public const string DefaultStateDir = "/var/lib/gitops-agent";
    public const int DefaultHistoryRetention = 200;
    public static readonly TimeSpan DefaultPollInterval = TimeSpan.FromSeconds(30);
    public const double DefaultPollJitter = 0.10;
}
