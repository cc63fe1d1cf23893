using GitOps.Reconciler.Configuration;
using GitOps.Reconciler.Source;

namespace GitOps.Reconciler.Tests.Source;

public class SshCommandTests
{
    [Fact]
    public void For_KeyAndKnownHosts_StrictBatchMode()
    {
        var command = SshCommand.For(new RepoAuth(SshKeyFile: "/k/id", KnownHostsFile: "/k/known_hosts"));

        Assert.Equal("ssh -o BatchMode=yes -o ConnectTimeout=15 -o ServerAliveInterval=15 -o ServerAliveCountMax=4 -i '/k/id' -o IdentitiesOnly=yes -o UserKnownHostsFile='/k/known_hosts' -o StrictHostKeyChecking=yes", command);
    }

    [Fact]
    public void For_StrictCheckingOff_AcceptsUnknownHosts() =>
        Assert.EndsWith("-o StrictHostKeyChecking=no", SshCommand.For(new RepoAuth(StrictHostKeyChecking: false)), StringComparison.Ordinal);

    [Fact]
    public void Quote_SingleQuoteInPath_EscapedForShell() =>
        Assert.Equal("'/k/it'\\''s'", SshCommand.Quote("/k/it's"));
}
