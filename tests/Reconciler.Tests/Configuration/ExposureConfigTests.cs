using GitOps.Reconciler.Configuration;

namespace GitOps.Reconciler.Tests.Configuration;

/// <summary>What agent.yaml may expose: the HTTP endpoints beyond loopback, and credentials over plain http.</summary>
public class ExposureConfigTests
{
    private const string File = "/etc/gitops-agent/agent.yaml";

    private static AgentConfigResult Parse(string yaml) =>
        new AgentConfigLoader(new Dictionary<string, string?>(), () => "machine-1").Parse(yaml, File, "/etc/gitops-agent");

    [Theory]
    [InlineData("0.0.0.0:9420")]
    [InlineData("192.0.2.10:9420")]
    [InlineData("'[::]:9420'")]
    public void Parse_NonLoopbackListenWithoutReadToken_OneLineNamingTheSetting(string listen)
    {
        var result = Parse($"repo: {{ url: file:///r }}\nhttp: {{ listen: {listen} }}\n");

        var error = Assert.Single(result.Errors);
        Assert.StartsWith(File + ":2:", error, StringComparison.Ordinal);
        Assert.Contains("is not a loopback address, so /status and /metrics need a bearer token: set http.readTokenFile", error, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error);
    }

    [Theory]
    [InlineData("127.0.0.1:9420")]
    [InlineData("127.0.0.5:9420")]
    [InlineData("'[::1]:9420'")]
    public void Parse_LoopbackListenWithoutReadToken_Valid(string listen) =>
        Assert.True(Parse($"repo: {{ url: file:///r }}\nhttp: {{ listen: {listen} }}\n").IsValid);

    [Fact]
    public void Parse_NonLoopbackListenWithReadToken_Valid()
    {
        var result = Parse("repo: { url: file:///r }\nhttp: { listen: 0.0.0.0:9420, readTokenFile: /etc/gitops-agent/read-token, allowedHosts: 'agent-1.example.org, Agent-1' }\n");

        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        Assert.Equal("/etc/gitops-agent/read-token", result.Config!.HttpReadTokenFile);
        Assert.Equal(["agent-1.example.org", "agent-1"], result.Config.HttpAllowedHosts);
    }

    [Theory]
    [InlineData("tokenFile: /run/token", "repo.auth.tokenFile")]
    [InlineData("{ usernameFile: /run/user, passwordFile: /run/password }", "repo.auth.passwordFile")]
    public void Parse_CredentialForPlainHttpRepo_RefusedSayingWhy(string auth, string key)
    {
        var yaml = auth.StartsWith('{') ? $"repo:\n  url: http://git.example.org/fleet.git\n  auth: {auth}\n" : $"repo:\n  url: http://git.example.org/fleet.git\n  auth: {{ {auth} }}\n";

        var error = Assert.Single(Parse(yaml).Errors);

        Assert.Contains(key + ": the repository URL is plain http://, so this credential would cross the network in cleartext", error, StringComparison.Ordinal);
        Assert.Contains("set repo.insecure: true", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_CredentialForPlainHttpRepoWithInsecure_Valid() =>
        Assert.True(Parse("repo:\n  url: http://git.example.org/fleet.git\n  insecure: true\n  auth: { tokenFile: /run/token }\n").IsValid);

    [Theory]
    [InlineData("repo:\n  url: https://git.example.org/fleet.git\n  auth: { tokenFile: /run/token }\n")]
    [InlineData("repo:\n  url: http://git.example.org/fleet.git\n")]
    public void Parse_HttpsWithTokenOrHttpWithout_Valid(string yaml) => Assert.True(Parse(yaml).IsValid, string.Join("\n", Parse(yaml).Errors));
}
