using System.Net;
using GitOps.Reconciler.Common;
using Microsoft.Extensions.Logging;

namespace GitOps.Reconciler.Configuration;

/// <summary>Converts raw settings into an <see cref="AgentConfig"/>, collecting one message per mistake.</summary>
/// <remarks>A missing repo.url is not reported when the file itself was malformed: that message would only be noise.</remarks>
internal sealed partial class AgentConfigBinder(Dictionary<string, ConfigSetting> settings, string baseDirectory, Func<string> machineName, bool fileHadErrors)
{
    private readonly List<string> _errors = [];

    public IReadOnlyList<string> Errors => _errors;

    public AgentConfig Bind()
    {
        var host = Text("host") ?? machineName();
        if (!HostName().IsMatch(host))
        {
            Error("host", $"'{host}' is not a valid host name (letters, digits, '.', '-', '_')");
        }
        var repo = BindRepo();
        var interval = Duration("pollInterval") ?? AgentConfig.DefaultPollInterval;
        if (interval < TimeSpan.FromSeconds(1) || interval > TimeSpan.FromDays(1))
        {
            Error("pollInterval", $"must be between 1s and 24h, found {interval}");
        }
        var jitter = Percent("pollJitter", max: 0.5) ?? AgentConfig.DefaultPollJitter;
        var driftInterval = Duration("driftInterval") ?? AgentConfig.DefaultDriftInterval;
        if (driftInterval < TimeSpan.FromSeconds(1) || driftInterval > TimeSpan.FromDays(1))
        {
            Error("driftInterval", $"must be between 1s and 24h, found {driftInterval}");
        }
        var stateDir = Text("stateDir") ?? AgentConfig.DefaultStateDir;
        if (!Path.IsPathRooted(stateDir))
        {
            Error("stateDir", $"must be an absolute path, found '{stateDir}'");
        }
        var leaseTtl = Duration("leaseTtl") ?? AgentConfig.DefaultLeaseTtl;
        if (leaseTtl < TimeSpan.FromSeconds(3) || leaseTtl > TimeSpan.FromHours(1))
        {
            Error("leaseTtl", $"must be between 3s and 1h, found {leaseTtl}");
        }
        var listen = Listen() ?? ListenAddress.Default;
        var log = new LogConfig(
            Choice("log.format", LogConfig.Default.Format, ("console", LogFormat.Console), ("json", LogFormat.Json)),
            Choice("log.level", LogConfig.Default.Level,
                ("trace", LogLevel.Trace), ("debug", LogLevel.Debug), ("information", LogLevel.Information), ("info", LogLevel.Information),
                ("warning", LogLevel.Warning), ("error", LogLevel.Error), ("critical", LogLevel.Critical)));
        var verify = BindVerify();
        if (verify.Mode == VerifyMode.Tag && repo.Ref.Kind != GitRefKind.Tag)
        {
            Error("verify.mode", "'tag' verifies an annotated tag, so repo.ref must name a tag");
        }
        var retention = Integer("history.retention", 1, 100_000) ?? AgentConfig.DefaultHistoryRetention;
        var parallelStacks = Integer("parallelStacks", 1, 64) ?? AgentConfig.DefaultParallelStacks;
        var retryMax = Bounded("retryMaxBackoff", AgentConfig.DefaultRetryMaxBackoff, TimeSpan.FromSeconds(1), TimeSpan.FromHours(1));
        var pullTimeout = Bounded("pullProgressTimeout", AgentConfig.DefaultPullProgressTimeout, TimeSpan.FromSeconds(1), TimeSpan.FromHours(1));
        var stepStuck = Bounded("stepStuckAfter", AgentConfig.DefaultStepStuckAfter, TimeSpan.FromSeconds(1), TimeSpan.FromHours(24));
        var readTokenFile = FilePath("http.readTokenFile");
        if (readTokenFile is null && !listen.IsLoopback)
        {
            Error("http.listen", $"{listen} is not a loopback address, so /status and /metrics need a bearer token: set http.readTokenFile");
        }
        var models = BindModels();
        return new AgentConfig(host, repo, interval, jitter, Path.GetFullPath(stateDir, "/"), listen, log, verify, retention)
        {
            WebhookSecretFile = FilePath("http.webhookSecretFile"),
            AllowBuild = Bool("build.allowed") ?? true,
            AgeKeyFile = FilePath("secrets.ageKeyFile") ?? Secrets.AgeKeyFile.DefaultPath,
            SecretsRuntimeDirectory = FilePath("secrets.runtimeDirectory") ?? Stacks.RuntimeSecretsDirectory.DefaultPath,
            LeaseTtl = leaseTtl,
            DriftInterval = driftInterval,
            RetryMaxBackoff = retryMax,
            PullProgressTimeout = pullTimeout,
            ParallelStacks = parallelStacks,
            StepStuckAfter = stepStuck,
            Notify = new(WebhookUrl("notify.webhookUrl"), WebhookUrl("notify.slackUrl"), FilePath("notify.signingSecretFile")),
            Models = models,
            Policy = BindPolicy(models),
            HttpReadTokenFile = readTokenFile,
            HttpAllowedHosts = ValueList.From((Text("http.allowedHosts") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(h => h.ToLowerInvariant())),
            Fleet = FilePath("fleet.postgres.connectionStringFile") is { } fleetDb ? new FleetConfig(fleetDb) : null,
        };
    }

    private TimeSpan Bounded(string key, TimeSpan fallback, TimeSpan min, TimeSpan max)
    {
        var value = Duration(key) ?? fallback;
        if (value < min || value > max)
        {
            Error(key, $"must be between {min} and {max}, found {value}");
        }
        return value;
    }

    private Uri? WebhookUrl(string key)
    {
        var text = Text(key);
        if (text is null)
        {
            return null;
        }
        if (Uri.TryCreate(text, UriKind.Absolute, out var url) && url.Scheme is "http" or "https")
        {
            return url;
        }
        Error(key, $"expected an http(s) URL, found '{text}'");
        return null;
    }

    private RepoConfig BindRepo()
    {
        var url = Text("repo.url");
        if (url is null)
        {
            if (!fileHadErrors)
            {
                _errors.Add("repo.url: missing; the agent needs the config repository's URL (or set GITOPS_AGENT_REPO_URL)");
            }
            url = "";
        }
        else
        {
            ValidateUrl(url);
        }
        var refs = new[] { "repo.ref.branch", "repo.ref.tag", "repo.ref.commit" }.Where(settings.ContainsKey).ToList();
        if (refs.Count > 1)
        {
            Error(refs[1], $"give only one of branch, tag or commit; found {string.Join(" and ", refs.Select(r => r[9..]))}");
        }
        var gitRef = GitRef.DefaultBranch;
        if (Text("repo.ref.branch") is { } branch)
        {
            gitRef = GitRef.Branch(RefName("repo.ref.branch", branch));
        }
        else if (Text("repo.ref.tag") is { } tag)
        {
            gitRef = GitRef.Tag(RefName("repo.ref.tag", tag));
        }
        else if (Text("repo.ref.commit") is { } commit)
        {
            if (!FullCommitId().IsMatch(commit))
            {
                Error("repo.ref.commit", $"expected a full 40-character hexadecimal commit id, found '{commit}'");
            }
            gitRef = GitRef.Commit(commit.ToLowerInvariant());
        }
        var subPath = (Text("repo.path") ?? "").Trim('/');
        if (subPath.Split('/').Any(p => p == ".."))
        {
            Error("repo.path", $"must stay inside the repository, found '{subPath}'");
        }
        var auth = new RepoAuth(
            FilePath("repo.auth.sshKeyFile"),
            FilePath("repo.auth.knownHostsFile"),
            Bool("repo.auth.strictHostKeyChecking") ?? true,
            FilePath("repo.auth.tokenFile"),
            FilePath("repo.auth.usernameFile"),
            FilePath("repo.auth.passwordFile"));
        ValidateAuth(url, auth);
        return new RepoConfig(url, gitRef, subPath, auth);
    }

    private void ValidateUrl(string url)
    {
        var transport = RepoUrl.TransportOf(url);
        if (transport is null)
        {
            Error("repo.url", $"unsupported URL '{RepoUrl.Sanitize(url)}'; expected file://, git://, ssh://, user@host:path, http:// or https://");
            return;
        }
        if (RepoUrl.HasPassword(url))
        {
            Error("repo.url", "the URL carries a password; put it in repo.auth.passwordFile or repo.auth.tokenFile instead");
        }
    }

    private void ValidateAuth(string url, RepoAuth auth)
    {
        var transport = RepoUrl.TransportOf(url);
        var isSsh = transport == RepoTransport.Ssh;
        var isHttp = transport == RepoTransport.Http;
        if (!isSsh && (auth.SshKeyFile ?? auth.KnownHostsFile) is not null)
        {
            Error(auth.SshKeyFile is not null ? "repo.auth.sshKeyFile" : "repo.auth.knownHostsFile", "applies only to ssh:// repository URLs");
        }
        if (!isHttp && (auth.TokenFile ?? auth.UsernameFile ?? auth.PasswordFile) is not null)
        {
            Error(auth.TokenFile is not null ? "repo.auth.tokenFile" : auth.UsernameFile is not null ? "repo.auth.usernameFile" : "repo.auth.passwordFile",
                "applies only to http:// and https:// repository URLs");
        }
        if (auth.TokenFile is not null && auth.PasswordFile is not null)
        {
            Error("repo.auth.passwordFile", "give either tokenFile or passwordFile, not both");
        }
        if (url.StartsWith("http://", StringComparison.OrdinalIgnoreCase) && (auth.TokenFile ?? auth.PasswordFile) is not null && Bool("repo.insecure") != true)
        {
            Error(auth.TokenFile is not null ? "repo.auth.tokenFile" : "repo.auth.passwordFile",
                "the repository URL is plain http://, so this credential would cross the network in cleartext; use an https:// URL, or set repo.insecure: true to accept that");
        }
        if (auth.PasswordFile is not null && auth.UsernameFile is null && !RepoUrl.HasUserName(url))
        {
            Error("repo.auth.passwordFile", "needs repo.auth.usernameFile (or a user name in the URL)");
        }
    }

    private VerifyConfig BindVerify()
    {
        var mode = Choice("verify.mode", VerifyMode.Off, ("off", VerifyMode.Off), ("head", VerifyMode.Head), ("tag", VerifyMode.Tag));
        var signers = FilePath("verify.allowedSigners");
        var keyring = FilePath("verify.gpgKeyring");
        if (mode != VerifyMode.Off && signers is null && keyring is null)
        {
            Error("verify.mode", $"'{mode.ToString().ToLowerInvariant()}' needs verify.allowedSigners (SSH signatures) or verify.gpgKeyring (OpenPGP), or both");
        }
        return new VerifyConfig(mode, signers, keyring);
    }

    private string RefName(string key, string name)
    {
        if (name.Length == 0 || name.StartsWith('-') || name.Contains("..", StringComparison.Ordinal) || name.Any(c => char.IsWhiteSpace(c) || c is '~' or '^' or ':' or '?' or '*' or '[' or '\\'))
        {
            Error(key, $"'{name}' is not a valid ref name");
        }
        return name.StartsWith("refs/", StringComparison.Ordinal) ? name.Split('/', 3)[^1] : name;
    }

    private ListenAddress? Listen()
    {
        var text = Text("http.listen");
        if (text is null)
        {
            return null;
        }
        if (IPEndPoint.TryParse(text, out var endpoint) && (endpoint.Port != 0 || !text.EndsWith(":0", StringComparison.Ordinal)))
        {
            return new ListenAddress(endpoint.Address.ToString(), endpoint.Port == 0 ? ListenAddress.DefaultPort : endpoint.Port);
        }
        Error("http.listen", $"expected an IP address with an optional port like 127.0.0.1:9420, found '{text}'");
        return null;
    }
}
