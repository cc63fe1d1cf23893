using GitOps.Daemon.Http;
using GitOps.Reconciler.Configuration;

namespace GitOps.Reconciler.Tests.Http;

public class HostHeaderCheckTests
{
    [Theory]
    [InlineData("127.0.0.1", true)]
    [InlineData("localhost", true)]
    [InlineData("LOCALHOST", true)]
    [InlineData("[::1]", true)]
    [InlineData("127.0.0.2", true)]
    [InlineData("attacker.example", false)]
    [InlineData("192.0.2.7", false)]
    [InlineData("", false)]
    public void Allows_LoopbackListen_OnlyLoopbackNames(string host, bool allowed) =>
        Assert.Equal(allowed, new HostHeaderCheck(ListenAddress.Default, []).Allows(host));

    [Theory]
    [InlineData("192.0.2.10", true)]
    [InlineData("agent-1.example.org", true)]
    [InlineData("Agent-1.Example.Org", true)]
    [InlineData("192.0.2.11", false)]
    [InlineData("localhost", false)]
    [InlineData("rebound.attacker.example", false)]
    public void Allows_SpecificListen_ItsAddressAndAllowedHosts(string host, bool allowed) =>
        Assert.Equal(allowed, new HostHeaderCheck(new ListenAddress("192.0.2.10", 9420), ["agent-1.example.org"]).Allows(host));

    [Theory]
    [InlineData("192.0.2.10", true)]
    [InlineData("[2001:db8::1]", true)]
    [InlineData("localhost", true)]
    [InlineData("agent-1.example.org", false)]
    public void Allows_WildcardListen_AnyAddressLiteralButNoUnlistedName(string host, bool allowed) =>
        Assert.Equal(allowed, new HostHeaderCheck(new ListenAddress("0.0.0.0", 9420), []).Allows(host));
}
