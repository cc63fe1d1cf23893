using GitOps.Daemon.Install;
using GitOps.Reconciler.Configuration;
using GitOps.Reconciler.Policy;

namespace GitOps.Reconciler.Tests.Install;

public class AgentConfigTemplateTests
{
    [Fact]
    public void Render_NewInstall_BaselinePolicyThatLoadsWithoutWarning()
    {
        var text = AgentConfigTemplate.Render("https://git.example.org/fleet.git", "main", "ocr-01", "/var/lib/gitops-agent");

        var result = new AgentConfigLoader(new Dictionary<string, string?>(), () => "m").Parse(text, "/etc/gitops-agent/agent.yaml", "/etc/gitops-agent");

        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        Assert.Equal(PolicyProfile.Baseline, result.Config!.Policy.Profile);
        Assert.Null(result.Config.Policy.Warning);
        Assert.Empty(result.Config.Policy.Allow);
    }
}
