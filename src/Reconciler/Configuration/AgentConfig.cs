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

    /// <summary>File holding the shared secret that signs <c>POST /reconcile</c>; without one the endpoint does not exist.</summary>
    public string? WebhookSecretFile { get; init; }

    /// <summary>How long the engine-side lease on <see cref="Host"/> outlives this agent's last heartbeat (see OwnerLease).</summary>
    public TimeSpan LeaseTtl { get; init; } = DefaultLeaseTtl;

    public static readonly TimeSpan DefaultLeaseTtl = TimeSpan.FromSeconds(30);

    /// <summary>Receivers of notifications on report transitions (none by default).</summary>
    public Reporting.Notifications.NotificationTargets Notify { get; init; } = new();

    /// <summary>The age identity file that decrypts the repo's secrets (<c>secrets.ageKeyFile</c>).</summary>
    public string AgeKeyFile { get; init; } = Secrets.AgeKeyFile.DefaultPath;

    /// <summary>The tmpfs directory decrypted secret and config files are mounted from (<c>secrets.runtimeDirectory</c>).</summary>
    public string SecretsRuntimeDirectory { get; init; } = Stacks.RuntimeSecretsDirectory.DefaultPath;

    /// <summary>Where models may be installed and how their S3 sources are reached (<c>models.*</c>).</summary>
    public Models.ModelsConfig Models { get; init; } = GitOps.Reconciler.Models.ModelsConfig.Default;

    /// <summary>What a commit may ask of this host (<c>policy.*</c>); an agent.yaml without a policy section runs privileged, warned.</summary>
    public GitOps.Reconciler.Policy.HostPolicy Policy { get; init; } = GitOps.Reconciler.Policy.HostPolicy.UpgradeDefault;

    /// <summary>File holding the bearer token <c>/status</c> and <c>/metrics</c> require (<c>http.readTokenFile</c>); null: none required.</summary>
    public string? HttpReadTokenFile { get; init; }

    /// <summary>Host names a request may name in its Host header besides the listen address (<c>http.allowedHosts</c>).</summary>
    public Common.ValueList<string> HttpAllowedHosts { get; init; } = Common.ValueList<string>.Empty;

    /// <summary>The fleet store this agent reports to (<c>fleet.postgres.*</c>); null without one.</summary>
    public FleetConfig? Fleet { get; init; }

    /// <summary>Whether stacks that opt in (<c>policy.allowBuild</c>) may build images on this host (<c>build.allowed</c>).</summary>
    public bool AllowBuild { get; init; } = true;

    /// <summary>
    /// How often the drift monitor inspects every managed container, besides the inspects that events ask for: the
    /// read that catches a change no event announced. Each costs one inspect per managed container and one per image.
    /// </summary>
    public TimeSpan DriftInterval { get; init; } = DefaultDriftInterval;

    public static readonly TimeSpan DefaultDriftInterval = TimeSpan.FromMinutes(5);

    /// <summary>The longest wait before a revision whose apply failed is tried again (new commits are not delayed by it).</summary>
    public TimeSpan RetryMaxBackoff { get; init; } = DefaultRetryMaxBackoff;

    /// <summary>How many stacks converge at once (within a stack, independent services start side by side anyway).</summary>
    public int ParallelStacks { get; init; } = DefaultParallelStacks;

    /// <summary>Chosen by measurement (docs/benchmarks.md): the fastest first deploy of 20 stacks on a 2-core host.</summary>
    public const int DefaultParallelStacks = 8;

    /// <summary>An image pull that receives no progress from the registry for this long is abandoned as failed.</summary>
    public TimeSpan PullProgressTimeout { get; init; } = DefaultPullProgressTimeout;

    /// <summary>
    /// A step of a pass (a pull, a health gate, a dependency wait) that has not moved on for this long makes
    /// <c>/readyz</c> answer 503 until it does; the pass itself goes on (a pull still ends by its progress timeout).
    /// </summary>
    public TimeSpan StepStuckAfter { get; init; } = DefaultStepStuckAfter;

    public static readonly TimeSpan DefaultStepStuckAfter = TimeSpan.FromMinutes(5);
    public static readonly TimeSpan DefaultRetryMaxBackoff = TimeSpan.FromMinutes(1);
    public static readonly TimeSpan DefaultPullProgressTimeout = TimeSpan.FromSeconds(60);
    public const string DefaultStateDir = "/var/lib/gitops-agent";
    public const int DefaultHistoryRetention = 200;
    public static readonly TimeSpan DefaultPollInterval = TimeSpan.FromSeconds(30);
    public const double DefaultPollJitter = 0.10;

    /// <summary>
    /// The wait before the next poll: the interval spread by up to ±jitter, so a fleet started together
    /// does not poll the git server in lockstep. <paramref name="random"/> is a sample from [0, 1).
    /// </summary>
    public TimeSpan NextPollDelay(double random) => PollInterval * (1 + (PollJitter * ((2 * random) - 1)));
}
