namespace GitOps.Reconciler.Configuration;

/// <summary>
/// Every setting of agent.yaml with its overriding environment variable; anything not listed is an unknown key.
/// </summary>
public static class AgentConfigKeys
{
    public static readonly IReadOnlyList<ConfigKey> All =
    [
        new("host", "GITOPS_AGENT_HOST", "this host's name in the inventory (default: the machine's hostname)"),
        new("repo.url", "GITOPS_AGENT_REPO_URL", "config repository URL: file://, git://, ssh://, user@host:path, https://"),
        new("repo.ref.branch", "GITOPS_AGENT_REPO_BRANCH", "follow this branch (default main)"),
        new("repo.ref.tag", "GITOPS_AGENT_REPO_TAG", "follow this tag"),
        new("repo.ref.commit", "GITOPS_AGENT_REPO_COMMIT", "pin this full commit id"),
        new("repo.path", "GITOPS_AGENT_REPO_PATH", "sub-path inside the repository (default: the root)"),
        new("repo.auth.sshKeyFile", "GITOPS_AGENT_SSH_KEY_FILE", "private key for ssh://"),
        new("repo.auth.knownHostsFile", "GITOPS_AGENT_KNOWN_HOSTS_FILE", "known_hosts file for ssh://"),
        new("repo.auth.strictHostKeyChecking", "GITOPS_AGENT_STRICT_HOST_KEY_CHECKING", "refuse unknown ssh host keys (default true)"),
        new("repo.auth.tokenFile", "GITOPS_AGENT_TOKEN_FILE", "file holding an https access token"),
        new("repo.auth.usernameFile", "GITOPS_AGENT_USERNAME_FILE", "file holding the https user name"),
        new("repo.auth.passwordFile", "GITOPS_AGENT_PASSWORD_FILE", "file holding the https password"),
        new("repo.insecure", "GITOPS_AGENT_REPO_INSECURE", "let a token or password go to a plain http:// repository URL, in cleartext (default false)"),
        new("pollInterval", "GITOPS_AGENT_POLL_INTERVAL", "time between polls: 500ms, 30s, 5m, 1h (default 30s)"),
        new("pollJitter", "GITOPS_AGENT_POLL_JITTER", "random spread of the interval, 0% to 50% (default 10%)"),
        new("driftInterval", "GITOPS_AGENT_DRIFT_INTERVAL", "time between full drift reads that inspect every managed container (default 5m)"),
        new("retryMaxBackoff", "GITOPS_AGENT_RETRY_MAX_BACKOFF", "longest wait before retrying a revision whose apply failed, or an unreachable git server (default 1m)"),
        new("parallelStacks", "GITOPS_AGENT_PARALLEL_STACKS", "how many stacks converge at once, 1 to 64 (default 8)"),
        new("pullProgressTimeout", "GITOPS_AGENT_PULL_PROGRESS_TIMEOUT", "an image pull that receives nothing for this long fails (default 60s)"),
        new("stepStuckAfter", "GITOPS_AGENT_STEP_STUCK_AFTER", "a step of a pass (pull, health gate, ...) unchanged for this long makes /readyz answer 503 (default 5m)"),
        new("stateDir", "GITOPS_AGENT_STATE_DIR", "absolute directory for the clone and state.db (default /var/lib/gitops-agent)"),
        new("leaseTtl", "GITOPS_AGENT_LEASE_TTL", "how long the lease on this host name outlives the agent's last heartbeat (default 30s)"),
        new("http.listen", "GITOPS_AGENT_HTTP_LISTEN", "address:port of the HTTP endpoints (default 127.0.0.1:9420)"),
        new("http.readTokenFile", "GITOPS_AGENT_HTTP_READ_TOKEN_FILE", "file holding the bearer token /status and /metrics require (required when http.listen is not loopback)"),
        new("http.allowedHosts", "GITOPS_AGENT_HTTP_ALLOWED_HOSTS", "comma-separated host names requests may name in their Host header, besides the listen address"),
        new("http.webhookSecretFile", "GITOPS_AGENT_WEBHOOK_SECRET_FILE", "file holding the HMAC secret of POST /reconcile (unset: no webhook)"),
        new("notify.webhookUrl", "GITOPS_AGENT_NOTIFY_WEBHOOK_URL", "generic JSON webhook receiving transitions (deployed, failed, rolled back, drift...)"),
        new("notify.slackUrl", "GITOPS_AGENT_NOTIFY_SLACK_URL", "Slack-compatible incoming webhook receiving the same transitions"),
        new("notify.signingSecretFile", "GITOPS_AGENT_NOTIFY_SIGNING_SECRET_FILE", "file holding the HMAC secret that signs notifications"),
        new("log.format", "GITOPS_AGENT_LOG_FORMAT", "console or json (default console)"),
        new("log.level", "GITOPS_AGENT_LOG_LEVEL", "trace, debug, information, warning, error, critical (default information)"),
        new("verify.mode", "GITOPS_AGENT_VERIFY_MODE", "off, head or tag (default off)"),
        new("verify.allowedSigners", "GITOPS_AGENT_VERIFY_ALLOWED_SIGNERS", "ssh-keygen allowed_signers file for SSH signatures"),
        new("verify.gpgKeyring", "GITOPS_AGENT_VERIFY_GPG_KEYRING", "gpgv keyring file for OpenPGP signatures"),
        new("build.allowed", "GITOPS_AGENT_BUILD_ALLOWED", "let stacks with policy.allowBuild build images on this host (default true)"),
        new("models.allowedRoots", "GITOPS_AGENT_MODELS_ALLOWED_ROOTS", "comma-separated absolute directories a model's path may be below (default /srv/models,/var/lib/models)"),
        new("models.verifyInterval", "GITOPS_AGENT_MODELS_VERIFY_INTERVAL", "time between full re-hashes of installed model files (default 24h)"),
        new("models.parallelDownloads", "GITOPS_AGENT_MODELS_PARALLEL_DOWNLOADS", "model files downloaded side by side at most (default 3)"),
        new("models.s3.endpoint", "GITOPS_AGENT_MODELS_S3_ENDPOINT", "URL of the S3-compatible store for s3:// sources (default: AWS by region)"),
        new("models.s3.region", "GITOPS_AGENT_MODELS_S3_REGION", "region of the S3 store (default us-east-1)"),
        new("models.s3.pathStyle", "GITOPS_AGENT_MODELS_S3_PATH_STYLE", "address buckets as endpoint/bucket instead of bucket.endpoint (default false)"),
        new("models.s3.credentialsFile", "GITOPS_AGENT_MODELS_S3_CREDENTIALS_FILE", "file with accessKeyId and secretAccessKey for s3:// sources (default: the environment)"),
        new("policy.profile", "GITOPS_AGENT_POLICY_PROFILE", "baseline, restricted or privileged: what a commit may ask of this host (no policy section: privileged, with a warning)"),
        new("policy.allowedBindRoots", "GITOPS_AGENT_POLICY_ALLOWED_BIND_ROOTS", "comma-separated host directories any stack or task may bind-mount, besides the stack's own directory and the model roots"),
        new("fleet.postgres.connectionStringFile", "GITOPS_AGENT_FLEET_CONNECTION_STRING_FILE", "file holding the PostgreSQL connection string of the fleet store (unset: no fleet store)"),
        new("history.retention", "GITOPS_AGENT_HISTORY_RETENTION", "reconcile results kept in the state store (default 200)"),
        new("secrets.ageKeyFile", "GITOPS_AGENT_AGE_KEY_FILE", "age identity that decrypts the repo's SOPS and age files; mode 0400, owned by the agent (default /etc/gitops-agent/age.key)"),
        new("secrets.runtimeDirectory", "GITOPS_AGENT_SECRETS_RUNTIME_DIRECTORY", "tmpfs directory that decrypted secret and config files are mounted from; refused when not on tmpfs (default /run/gitops-agent/secrets)"),
    ];

    /// <summary>The list of exceptions by stack or task: written in agent.yaml only, no environment variable.</summary>
    public const string PolicyAllow = "policy.allow";

    /// <summary>Settings that take a YAML list as well as a comma-separated value.</summary>
    private static readonly string[] Lists = ["policy.allowedBindRoots", "http.allowedHosts", "models.allowedRoots"];

    /// <summary>The keys allowed directly under a section ("" for the root): leaf names and sub-section names.</summary>
    public static IReadOnlyList<string> ChildrenOf(string section)
    {
        var prefix = section.Length == 0 ? "" : section + ".";
        return [.. All.Select(k => k.Path).Append(PolicyAllow).Where(k => k.StartsWith(prefix, StringComparison.Ordinal))
            .Select(k => k[prefix.Length..].Split('.')[0])
            .Distinct(StringComparer.Ordinal)];
    }

    public static bool IsLeaf(string path) => All.Any(k => k.Path == path);

    public static bool IsList(string path) => Lists.Contains(path, StringComparer.Ordinal);
}
