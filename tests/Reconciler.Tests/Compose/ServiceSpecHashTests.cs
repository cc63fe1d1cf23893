using GitOps.Reconciler.Common;
using GitOps.Reconciler.Compose;
using GitOps.Reconciler.Secrets;

namespace GitOps.Reconciler.Tests.Compose;

public class ServiceSpecHashTests
{
    private static ServiceSpec Api(params (string Key, string Value)[] env) => new()
    {
        Name = "api",
        Image = "127.0.0.1:5000/demo/web:v1",
        Environment = ValueMap.From(env.Select(e => KeyValuePair.Create(e.Key, e.Value))),
    };

    [Fact]
    public void Of_SameSpecBuiltInAnotherOrder_SameHash()
    {
        Assert.Equal(ServiceSpecHash.Of(Api(("A", "1"), ("B", "2")), ConfigHashKey.Unkeyed), ServiceSpecHash.Of(Api(("B", "2"), ("A", "1")), ConfigHashKey.Unkeyed));
    }

    [Fact]
    public void Of_EnvironmentValueChanged_DifferentHash()
    {
        Assert.NotEqual(ServiceSpecHash.Of(Api(("A", "1")), ConfigHashKey.Unkeyed), ServiceSpecHash.Of(Api(("A", "2")), ConfigHashKey.Unkeyed));
    }

    [Fact]
    public void CanonicalJson_IncludesMapContents()
    {
        Assert.Contains("\"A\":\"1\"", ServiceSpecHash.CanonicalJson(Api(("A", "1"))), StringComparison.Ordinal);
    }

    [Fact]
    public void Equals_SpecsWithEqualCollections_AreEqual()
    {
        Assert.Equal(Api(("A", "1")), Api(("A", "1")));
        Assert.NotEqual(Api(("A", "1")), Api(("A", "1"), ("B", "2")));
    }

    [Fact]
    public void Of_ReplicasDependsOnPullPolicyOrUpdateOrderChanged_SameHash()
    {
        var changed = Api() with
        {
            Replicas = 3,
            PullPolicy = PullPolicy.Always,
            UpdateOrder = UpdateOrder.StartFirst,
            DependsOn = ValueMap<Dependency>.Empty.With("db", new Dependency(DependencyCondition.ServiceHealthy)),
        };

        Assert.Equal(ServiceSpecHash.Of(Api(), ConfigHashKey.Unkeyed), ServiceSpecHash.Of(changed, ConfigHashKey.Unkeyed));
    }

    [Fact]
    public void Of_Keyed_IsNotThePlainHashOfTheSpec()
    {
        var spec = Api(("DB_PASSWORD", "hunter2"));
        var plain = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(
            System.Text.Encoding.UTF8.GetBytes(ServiceSpecHash.CanonicalJson(spec))));

        Assert.NotEqual(plain, ServiceSpecHash.Of(spec, Key(1)));
    }

    [Fact]
    public void Of_SameKey_StableHash()
    {
        var spec = Api(("DB_PASSWORD", "hunter2"));

        Assert.Equal(ServiceSpecHash.Of(spec, Key(1)), ServiceSpecHash.Of(spec with { }, Key(1)));
    }

    [Fact]
    public void Of_AnotherKey_DifferentHash()
    {
        var spec = Api(("DB_PASSWORD", "hunter2"));

        Assert.NotEqual(ServiceSpecHash.Of(spec, Key(1)), ServiceSpecHash.Of(spec, Key(2)));
    }

    private static ConfigHashKey Key(byte fill) => ConfigHashKey.FromBytes(Enumerable.Repeat(fill, 32).ToArray());

    [Fact]
    public void CanonicalJson_DefaultUpdateOrder_NotWritten()
    {
        // Specs that never set the order keep the canonical form, and so the hash, they had before it existed.
        Assert.DoesNotContain("UpdateOrder", ServiceSpecHash.CanonicalJson(Api()), StringComparison.Ordinal);
    }
}
