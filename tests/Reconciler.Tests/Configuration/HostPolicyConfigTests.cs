using GitOps.Reconciler.Configuration;
using GitOps.Reconciler.Policy;

namespace GitOps.Reconciler.Tests.Configuration;

public class HostPolicyConfigTests
{
    private const string File = "/etc/gitops-agent/agent.yaml";
    private const string Repo = "repo: { url: file:///r }\n";

    private static AgentConfigResult Parse(string yaml, Dictionary<string, string?>? environment = null) =>
        new AgentConfigLoader(environment ?? [], () => "machine-1").Parse(yaml, File, "/etc/gitops-agent");

    private static HostPolicy Policy(string yaml, Dictionary<string, string?>? environment = null)
    {
        var result = Parse(yaml, environment);
        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        return result.Config!.Policy;
    }

    [Fact]
    public void Parse_NoPolicySection_PrivilegedUpgradeDefaultWithWarning()
    {
        var policy = Policy(Repo);

        Assert.Equal(PolicyProfile.Privileged, policy.Profile);
        Assert.True(policy.IsUpgradeDefault);
        Assert.Contains("no 'policy' section", policy.Warning, StringComparison.Ordinal);
        Assert.Contains("policy.profile: baseline", policy.Warning, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_PolicySectionWithoutProfile_BaselineWithoutWarning()
    {
        var policy = Policy(Repo + "policy: { allowedBindRoots: [/srv/data] }\n");

        Assert.Equal(PolicyProfile.Baseline, policy.Profile);
        Assert.Null(policy.Warning);
    }

    [Fact]
    public void Parse_ExplicitPrivileged_NoWarning()
    {
        var policy = Policy(Repo + "policy: { profile: privileged }\n");

        Assert.Equal(PolicyProfile.Privileged, policy.Profile);
        Assert.Null(policy.Warning);
    }

    [Fact]
    public void Parse_FullPolicy_EveryExceptionKindBound()
    {
        var policy = Policy(Repo + """
            models: { allowedRoots: /models }
            policy:
              profile: restricted
              allowedBindRoots: [/srv/data, /var/log/apps/]
              allow:
                - { stack: traefik, dockerSocket: true, runAsRoot: true }
                - stack: vpn
                  privileged: true
                  hostNetwork: true
                  hostPid: true
                  hostIpc: true
                  hostUts: true
                  capabilities: [NET_ADMIN, SYS_MODULE]
                  unconfined: true
                  devices: true
                  writableRootFs: true
                  containerNamespaces: true
                  sysctls: [net.core.somaxconn]
                - { task: backup, bindMounts: [/var/backups] }
            """);

        Assert.Equal(PolicyProfile.Restricted, policy.Profile);
        Assert.Equal(["/srv/data", "/var/log/apps"], policy.AllowedBindRoots);
        Assert.Equal(["/models"], policy.ModelRoots);
        Assert.Equal(3, policy.Allow.Count);
        Assert.Equal(new PolicyException("traefik", null) { DockerSocket = true, RunAsRoot = true }, policy.Allow[0]);
        var vpn = policy.Allow[1];
        Assert.True(vpn.Privileged && vpn.HostNetwork && vpn.HostPid && vpn.HostIpc && vpn.HostUts && vpn.Unconfined && vpn.Devices && vpn.WritableRootFs && vpn.ContainerNamespaces);
        Assert.Equal(["net.core.somaxconn"], vpn.Sysctls);
        Assert.Equal(["NET_ADMIN", "SYS_MODULE"], vpn.Capabilities);
        Assert.Equal(new PolicyException(null, "backup") { BindMounts = GitOps.Reconciler.Common.ValueList.Of("/var/backups") }, policy.Allow[2]);
    }

    [Fact]
    public void Parse_BindRootsCommaSeparated_SameAsList() =>
        Assert.Equal(["/a", "/b"], Policy(Repo + "policy: { allowedBindRoots: '/a, /b' }\n").AllowedBindRoots);

    [Fact]
    public void Parse_ProfileFromEnvironment_ChosenNotUpgradeDefault()
    {
        var policy = Policy(Repo, new() { ["GITOPS_AGENT_POLICY_PROFILE"] = "restricted" });

        Assert.Equal(PolicyProfile.Restricted, policy.Profile);
        Assert.False(policy.IsUpgradeDefault);
    }

    [Theory]
    [InlineData("policy: { profile: lax }\n", "agent.yaml:2:20: policy.profile: expected one of baseline, restricted, privileged, found 'lax'")]
    [InlineData("policy: { allowedBindRoots: [srv] }\n", "policy.allowedBindRoots: 'srv' must be an absolute host directory")]
    [InlineData("policy:\n  allow:\n    - { privileged: true }\n", "agent.yaml:4:7: an entry of 'policy.allow' names exactly one 'stack' or one 'task'")]
    [InlineData("policy:\n  allow:\n    - { stack: a, task: b }\n", "agent.yaml:4:7: an entry of 'policy.allow' names exactly one 'stack' or one 'task'")]
    [InlineData("policy:\n  allow:\n    - { stack: a, everything: true }\n", "agent.yaml:4:19: unknown key 'everything' in an entry of 'policy.allow'")]
    [InlineData("policy:\n  allow:\n    - { stack: a, bindMounts: [data] }\n", "agent.yaml:4:32: bindMounts entry 'data' must be an absolute host directory")]
    [InlineData("policy:\n  allow: { stack: a }\n", "agent.yaml:3:10: expected a list for 'policy.allow'")]
    public void Parse_WrongPolicy_PositionedError(string policy, string expected)
    {
        var result = Parse(Repo + policy);

        Assert.False(result.IsValid);
        Assert.Contains(result.Errors, e => e.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void LoadPolicy_PolicyOnlyFile_BoundWithoutRepository()
    {
        var path = Path.Combine(Path.GetTempPath(), "policy-" + Guid.NewGuid().ToString("N") + ".yaml");
        System.IO.File.WriteAllText(path, "policy:\n  profile: baseline\n  allow:\n    - { task: backup, bindMounts: [/var/backups] }\n");
        try
        {
            var (policy, errors) = new AgentConfigLoader(new Dictionary<string, string?>(), () => "m").LoadPolicy(path);

            Assert.Empty(errors);
            Assert.Equal(PolicyProfile.Baseline, policy!.Profile);
            Assert.Equal("backup", Assert.Single(policy.Allow).Task);
            Assert.Equal(Reconciler.Models.ModelsConfig.DefaultAllowedRoots, policy.ModelRoots);
        }
        finally
        {
            System.IO.File.Delete(path);
        }
    }

    [Fact]
    public void Fingerprint_SamePolicySame_AnExceptionAddedDiffers()
    {
        var before = Policy(Repo + "policy: { profile: baseline }\n").Fingerprint();

        Assert.Equal(before, Policy(Repo + "policy: { profile: baseline }\n").Fingerprint());
        Assert.NotEqual(before, Policy(Repo + "policy:\n  profile: baseline\n  allow: [{ stack: app, privileged: true }]\n").Fingerprint());
    }
}
