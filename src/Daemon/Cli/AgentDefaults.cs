namespace GitOps.Daemon.Cli;

public static class AgentDefaults
{
    public const string StateDirectory = "/var/lib/gitops-agent";
}
