using System.Security.Cryptography;
using System.Text;
using GitOps.Reconciler.Compose;
using GitOps.Reconciler.Secrets;

namespace GitOps.Reconciler.Tests.Compose;

/// <summary>
/// The spec hash is a container label: a changed byte of the canonical JSON recreates every container after an
/// upgrade. These literals were computed by the agent before its JSON moved to source generation and must never change.
/// </summary>
public class ServiceSpecHashPinnedTests
{
    private static readonly ConfigHashKey Key = ConfigHashKey.FromBytes(Encoding.ASCII.GetBytes("a fixed key for pinned hashes!!!"));

    [Fact]
    public void Of_MinimalSpec_PinnedHash()
    {
        var spec = new ServiceSpec { Name = "api", Image = "127.0.0.1:5000/demo/web:v1" };

        Assert.Equal("c6f06e30196de74e31c22d97680b8bfea1aa222c81c038199053f4d7ce429f43", ServiceSpecHash.Of(spec, ConfigHashKey.Unkeyed));
    }

    [Fact]
    public void Of_SpecSettingEveryField_PinnedHash()
    {
        var full = ServiceSpecCorpus.Load().Single(s => s.Name == "full");

        Assert.Equal("3a8cce92aee2684b11b9b46ef5daaa156082c30d651a18fd178d5d250218da95", ServiceSpecHash.Of(full, Key));
    }

    [Fact]
    public void CanonicalJson_WholeCorpus_PinnedDigest()
    {
        var all = string.Join("\n", ServiceSpecCorpus.Load().Select(ServiceSpecHash.CanonicalJson));

        Assert.Equal("c6883740c30762541bbb5239c4e1b6d2c375aa4ed8387c23a3ebca13fe4542e9", Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(all))));
    }

    [Fact]
    public void CanonicalJson_MinimalSpec_PinnedText()
    {
        var spec = new ServiceSpec { Name = "api", Image = "127.0.0.1:5000/demo/web:v1" };

        Assert.Equal(
            """
            {"Name":"api","Image":"127.0.0.1:5000/demo/web:v1","Command":null,"Entrypoint":null,"Environment":{},"Ports":[],"Expose":[],"Mounts":[],"Networks":{},"NetworkMode":null,"DependsOn":{},"Healthcheck":null,"Restart":"no","ContainerName":null,"Hostname":null,"User":null,"WorkingDir":null,"Labels":{},"StopSignal":null,"StopGracePeriod":null,"CapAdd":[],"CapDrop":[],"Privileged":false,"ReadOnly":false,"SecurityOpt":[],"Tmpfs":{},"Sysctls":{},"Ulimits":[],"ExtraHosts":[],"Dns":[],"Init":null,"StdinOpen":false,"Tty":false,"Logging":null,"PidsLimit":null,"Platform":null,"PullPolicy":"Missing","Replicas":1,"Resources":{"NanoCpus":null,"MemoryBytes":null,"Pids":null},"Secrets":[],"Configs":[],"Links":[]}
            """,
            ServiceSpecHash.CanonicalJson(spec));
    }
}
