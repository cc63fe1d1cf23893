namespace GitOps.Reconciler.Engine;

/// <summary>
/// Labels on managed resources: compose's own (so <c>docker compose -p &lt;stack&gt; ps|logs|exec</c> work)
/// plus the agent's ownership label, which is what every probe and prune filters on.
/// </summary>
public static class EngineLabels
{
    public const string Managed = "io.gitops-agent.managed";
    public const string ManagedFilter = Managed + "=true";

    /// <summary>
    /// Which agent owns the resource: the host name it converges as. Probes read only their own, so two agents
    /// (or a test and a running daemon) on one engine never plan against each other's stacks.
    /// </summary>
    public const string Owner = "io.gitops-agent.owner";

    /// <summary>The owner of resources created without a configured host name.</summary>
    public const string DefaultOwner = "default";

    public static string OwnerFilter(string owner) => Owner + "=" + owner;

    /// <summary>JSON of the spec fields a container cannot show (pull policy, platform, secret/config grants, depends_on details).</summary>
    public const string Unobservable = "io.gitops-agent.spec";

    public const string AgentPrefix = "io.gitops-agent.";

    public const string ComposePrefix = "com.docker.compose.";
    public const string Project = "com.docker.compose.project";
    public const string Service = "com.docker.compose.service";
    public const string ContainerNumber = "com.docker.compose.container-number";
    public const string OneOff = "com.docker.compose.oneoff";
    public const string ConfigHash = "com.docker.compose.config-hash";
    public const string ConfigFiles = "com.docker.compose.project.config_files";
    public const string WorkingDir = "com.docker.compose.project.working_dir";
    public const string DependsOn = "com.docker.compose.depends_on";
    public const string Image = "com.docker.compose.image";
    public const string Version = "com.docker.compose.version";
    public const string Network = "com.docker.compose.network";
    public const string Volume = "com.docker.compose.volume";

    /// <summary>The compose version the labels imitate; compose v1 warns about older or missing versions.</summary>
    public const string ComposeVersion = "2.20.0";

    public static bool IsOwnLabel(string key) =>
        key.StartsWith(ComposePrefix, StringComparison.Ordinal) || key.StartsWith(AgentPrefix, StringComparison.Ordinal);
}
