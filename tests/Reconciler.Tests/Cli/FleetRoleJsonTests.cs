using GitOps.Daemon.Cli;
using GitOps.Daemon.Commands;

namespace GitOps.Reconciler.Tests.Cli;

public sealed class FleetRoleJsonTests
{
    [Fact]
    public void Serialize_RoleAndPasswordFile_TheDocumentFleetVerbsPrint()
    {
        var json = CliJson.Serialize(new FleetRoleJson("gitops_host_web_1", "/etc/gitops-agent/fleet \"pw\"", true), CliJsonContext.Default.FleetRoleJson);

        Assert.Equal("{\n  \"role\": \"gitops_host_web_1\",\n  \"passwordFile\": \"/etc/gitops-agent/fleet \\\"pw\\\"\",\n  \"passwordCreated\": true\n}", json);
    }
}
