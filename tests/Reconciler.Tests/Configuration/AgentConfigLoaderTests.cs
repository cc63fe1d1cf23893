using GitOps.Reconciler.Configuration;
using Microsoft.Extensions.Logging;

namespace GitOps.Reconciler.Tests.Configuration;

public class AgentConfigLoaderTests
{
    private const string File = "/etc/gitops-agent/agent.yaml";

    private static AgentConfigResult Parse(string yaml, Dictionary<string, string?>? environment = null) =>
        new AgentConfigLoader(environment ?? [], () => "machine-1").Parse(yaml, File, "/etc/gitops-agent");

    private static AgentConfig Valid(string yaml, Dictionary<string, string?>? environment = null)
    {
        var result = Parse(yaml, environment);
        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        return result.Config!;
    }

    private static string SingleError(string yaml, Dictionary<string, string?>? environment = null)
    {
        var result = Parse(yaml, environment);
        Assert.False(result.IsValid);
        Assert.Null(result.Config);
        return Assert.Single(result.Errors);
    }

    [Fact]
    public void Parse_OnlyUrl_DefaultsFilled()
    {
        var config = Valid("repo:\n  url: ssh://git@example.org/fleet.git\n");
        Assert.Equal("machine-1", config.Host);
        Assert.Equal(GitRef.Branch("main"), config.Repo.Ref);
        Assert.Equal("", config.Repo.Path);
        Assert.True(config.Repo.Auth.StrictHostKeyChecking);
        Assert.Equal(TimeSpan.FromSeconds(30), config.PollInterval);
        Assert.Equal(0.10, config.PollJitter, 6);
        Assert.Equal("/var/lib/gitops-agent", config.StateDir);
        Assert.Equal(new ListenAddress("127.0.0.1", 9420), config.HttpListen);
        Assert.Equal(LogConfig.Default, config.Log);
        Assert.Equal(VerifyConfig.Off, config.Verify);
        Assert.Equal(200, config.HistoryRetention);
        Assert.True(config.AllowBuild);
    }

    [Fact]
    public void Parse_EverySetting_Bound()
    {
        var config = Valid("""
            host: ocr-01
            repo:
              url: ssh://git@example.org:2222/fleet.git
              ref: { tag: v1.2.3 }
              path: /envs/prod/
              auth:
                sshKeyFile: keys/id_ed25519
                knownHostsFile: /etc/gitops-agent/known_hosts
                strictHostKeyChecking: false
            pollInterval: 1m30s
            pollJitter: 20%
            stateDir: /srv/agent
            http: { listen: "0.0.0.0:8080", readTokenFile: read-token, allowedHosts: [agent.example.org] }
            log: { format: json, level: debug }
            verify: { mode: tag, allowedSigners: signers, gpgKeyring: /k/ring.gpg }
            history: { retention: 50 }
            build: { allowed: false }
            """);
        Assert.Equal("ocr-01", config.Host);
        Assert.Equal(GitRef.Tag("v1.2.3"), config.Repo.Ref);
        Assert.Equal("envs/prod", config.Repo.Path);
        Assert.Equal("/etc/gitops-agent/keys/id_ed25519", config.Repo.Auth.SshKeyFile);
        Assert.False(config.Repo.Auth.StrictHostKeyChecking);
        Assert.Equal(TimeSpan.FromSeconds(90), config.PollInterval);
        Assert.Equal(0.2, config.PollJitter, 6);
        Assert.Equal("/srv/agent", config.StateDir);
        Assert.Equal(new ListenAddress("0.0.0.0", 8080), config.HttpListen);
        Assert.Equal("/etc/gitops-agent/read-token", config.HttpReadTokenFile);
        Assert.Equal(["agent.example.org"], config.HttpAllowedHosts);
        Assert.Equal(new LogConfig(LogFormat.Json, LogLevel.Debug), config.Log);
        Assert.Equal(new VerifyConfig(VerifyMode.Tag, "/etc/gitops-agent/signers", "/k/ring.gpg"), config.Verify);
        Assert.Equal(50, config.HistoryRetention);
        Assert.False(config.AllowBuild);
    }

    [Fact]
    public void Load_DriftInterval_DefaultFiveMinutesAndSettable()
    {
        Assert.Equal(TimeSpan.FromMinutes(5), Valid("repo: { url: file:///r }\n").DriftInterval);
        Assert.Equal(TimeSpan.FromSeconds(90), Valid("repo: { url: file:///r }\ndriftInterval: 1m30s\n").DriftInterval);
        Assert.Contains("driftInterval", SingleError("repo: { url: file:///r }\ndriftInterval: 0s\n"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0.0, 27_000)]
    [InlineData(0.5, 30_000)]
    [InlineData(0.999999, 33_000)]
    public void NextPollDelay_DefaultJitter_WithinTenPercent(double random, long expectedMilliseconds)
    {
        var config = Valid("repo: { url: file:///r }\n");
        Assert.Equal(expectedMilliseconds, (long)Math.Round(config.NextPollDelay(random).TotalMilliseconds));
    }

    [Fact]
    public void Parse_PinnedCommitAndHttpsAuth_Bound()
    {
        var config = Valid("""
            repo:
              url: https://git.example.org/fleet.git
              ref: { commit: 0123456789ABCDEF0123456789abcdef01234567 }
              auth: { usernameFile: /run/secrets/user, passwordFile: /run/secrets/password }
            """);
        Assert.Equal(GitRef.Commit("0123456789abcdef0123456789abcdef01234567"), config.Repo.Ref);
        Assert.Equal("/run/secrets/password", config.Repo.Auth.PasswordFile);
    }

    [Fact]
    public void Parse_EnvironmentOverrides_WinOverFile()
    {
        var environment = new Dictionary<string, string?>
        {
            ["GITOPS_AGENT_HOST"] = "nlp-07",
            ["GITOPS_AGENT_REPO_TAG"] = "release-9",
            ["GITOPS_AGENT_POLL_INTERVAL"] = "5s",
            ["GITOPS_AGENT_STATE_DIR"] = "/tmp/agent",
            ["GITOPS_AGENT_HISTORY_RETENTION"] = "10",
            ["GITOPS_AGENT_LOG_FORMAT"] = "json",
            ["UNRELATED"] = "x",
            ["GITOPS_AGENT_HTTP_LISTEN"] = "",
        };
        var config = Valid("host: a\nrepo:\n  url: git://127.0.0.1/fleet\n  ref: { branch: develop }\npollInterval: 1m\n", environment);
        Assert.Equal("nlp-07", config.Host);
        Assert.Equal(GitRef.Tag("release-9"), config.Repo.Ref);
        Assert.Equal(TimeSpan.FromSeconds(5), config.PollInterval);
        Assert.Equal("/tmp/agent", config.StateDir);
        Assert.Equal(10, config.HistoryRetention);
        Assert.Equal(LogFormat.Json, config.Log.Format);
        Assert.Equal(ListenAddress.Default, config.HttpListen);
    }

    [Fact]
    public void Load_MissingFileButRepoUrlInEnvironment_Valid()
    {
        var loader = new AgentConfigLoader(new Dictionary<string, string?> { ["GITOPS_AGENT_REPO_URL"] = "file:///srv/fleet.git" }, () => "h");
        var result = loader.Load("/nonexistent/agent.yaml");
        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        Assert.Equal("file:///srv/fleet.git", result.Config!.Repo.Url);
    }

    [Fact]
    public void Load_MissingFile_Error()
    {
        var result = new AgentConfigLoader(new Dictionary<string, string?>(), () => "h").Load("/nonexistent/agent.yaml");
        Assert.Contains("configuration file not found", Assert.Single(result.Errors), StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_UnknownTopLevelKey_ErrorWithPosition()
    {
        var error = SingleError("repo: { url: file:///r }\npollIntervall: 5s\n");
        Assert.StartsWith(File + ":2:1: unknown key 'pollIntervall'", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_UnknownNestedKey_ErrorWithPosition()
    {
        var error = SingleError("repo:\n  url: ssh://h/r\n  auth:\n    sshKey: /k\n");
        Assert.StartsWith(File + ":4:5: unknown key 'sshKey' in 'repo.auth'", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_MissingUrl_Error()
    {
        Assert.Contains("repo.url: missing", SingleError("host: a\n"), StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_BranchAndTag_Error()
    {
        var error = SingleError("repo:\n  url: file:///r\n  ref: { branch: main, tag: v1 }\n");
        Assert.StartsWith(File + ":3:29: repo.ref.tag: give only one of branch, tag or commit", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_ShortCommitId_Error()
    {
        Assert.Contains("full 40-character", SingleError("repo:\n  url: file:///r\n  ref: { commit: abc123 }\n"), StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_BadDuration_ErrorWithPosition()
    {
        var error = SingleError("repo: { url: file:///r }\npollInterval: soon\n");
        Assert.Equal(File + ":2:15: pollInterval: expected a duration like 30s, 5m or 1h, found 'soon'", error);
    }

    [Fact]
    public void Parse_TooShortInterval_Error()
    {
        Assert.Contains("between 1s and 24h", SingleError("repo: { url: file:///r }\npollInterval: 100ms\n"), StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_JitterOutOfRange_Error()
    {
        Assert.Contains("pollJitter: expected a percentage from 0% to 50%", SingleError("repo: { url: file:///r }\npollJitter: 80%\n"), StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_BadListenAddress_Error()
    {
        Assert.Contains("http.listen: expected an IP address", SingleError("repo: { url: file:///r }\nhttp: { listen: localhost:80 }\n"), StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_BadLogFormat_Error()
    {
        Assert.Contains("expected one of console, json, found 'xml'", SingleError("repo: { url: file:///r }\nlog: { format: xml }\n"), StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_VerifyWithoutKeys_Error()
    {
        Assert.Contains("needs verify.allowedSigners", SingleError("repo: { url: file:///r }\nverify: { mode: head }\n"), StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_TagVerificationOnBranch_Error()
    {
        Assert.Contains("repo.ref must name a tag", SingleError("repo: { url: file:///r }\nverify: { mode: tag, allowedSigners: /s }\n"), StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_ZeroRetention_Error()
    {
        Assert.Contains("history.retention: expected a whole number from 1", SingleError("repo: { url: file:///r }\nhistory: { retention: 0 }\n"), StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_ParallelStacks_FromFileOrEnvironmentWithinBounds()
    {
        Assert.Equal(AgentConfig.DefaultParallelStacks, Valid("repo: { url: file:///r }\n").ParallelStacks);
        Assert.Equal(2, Valid("repo: { url: file:///r }\nparallelStacks: 2\n").ParallelStacks);
        Assert.Equal(16, Valid("repo: { url: file:///r }\n", new() { ["GITOPS_AGENT_PARALLEL_STACKS"] = "16" }).ParallelStacks);
        Assert.Contains("parallelStacks: expected a whole number from 1 to 64", SingleError("repo: { url: file:///r }\nparallelStacks: 0\n"), StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_RelativeStateDir_Error()
    {
        Assert.Contains("stateDir: must be an absolute path", SingleError("repo: { url: file:///r }\nstateDir: state\n"), StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_UnsupportedScheme_Error()
    {
        Assert.Contains("unsupported URL 'ftp://h/r'", SingleError("repo: { url: ftp://h/r }\n"), StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_PasswordInUrl_ErrorWithoutThePassword()
    {
        var error = SingleError("repo: { url: 'https://deploy:hunter2@git.example.org/r.git' }\n");
        Assert.Contains("passwordFile", error, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_SshKeyForHttpsUrl_Error()
    {
        Assert.Contains("applies only to ssh://", SingleError("repo:\n  url: https://h/r\n  auth: { sshKeyFile: /k }\n"), StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_SectionNotAMapping_Error()
    {
        Assert.Contains("expected a mapping for 'repo'", SingleError("repo: file:///r\n"), StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_InvalidEnvironmentValue_ErrorNamesVariable()
    {
        var error = SingleError("repo: { url: file:///r }\n", new() { ["GITOPS_AGENT_POLL_JITTER"] = "lots" });
        Assert.StartsWith("GITOPS_AGENT_POLL_JITTER: pollJitter:", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_SeveralMistakes_AllReported()
    {
        var result = Parse("repo: { url: file:///r, extra: 1 }\npollInterval: x\nlog: { level: loud }\n");
        Assert.Equal(3, result.Errors.Count);
    }

    [Fact]
    public void Parse_InvalidYaml_ErrorWithPosition()
    {
        Assert.StartsWith(File + ":3:1: invalid YAML", SingleError("repo:\n  url: [unclosed\n"), StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_FleetConnectionStringFile_FleetStoreConfigured()
    {
        var config = Valid("repo:\n  url: file:///srv/config.git\nfleet:\n  postgres:\n    connectionStringFile: fleet-db\n");

        Assert.Equal(new FleetConfig("/etc/gitops-agent/fleet-db"), config.Fleet);
        Assert.Null(Valid("repo:\n  url: file:///srv/config.git\n").Fleet);
    }
}
