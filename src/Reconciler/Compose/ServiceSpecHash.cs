using System.Text;
using System.Text.Json;

namespace GitOps.Reconciler.Compose;

/// <summary>
/// A stable hash of a normalised <see cref="ServiceSpec"/>. The executor stores it on each container
/// (compose's config-hash label) so that a no-op reconcile can prove "unchanged" from one container
/// list, without inspecting every container. The spec holds decrypted secrets, so the hash is an HMAC under
/// the host's <see cref="Secrets.ConfigHashKey"/>: a label read by <c>docker inspect</c> cannot confirm guesses.
/// </summary>
public static class ServiceSpecHash
{
    /// <summary>Canonical JSON of the spec: records keep declaration order, maps are key-ordered, sets are pre-sorted.</summary>
    public static string CanonicalJson(ServiceSpec spec) => JsonSerializer.Serialize(spec, ServiceSpecJsonContext.Default.ServiceSpec);

    /// <summary>
    /// The hash of what a container is made from. Like compose's own config hash it leaves out
    /// <c>scale</c>/replicas, <c>depends_on</c> and <c>pull_policy</c>, and <c>deploy.update_config.order</c>: changing them must
    /// not recreate running containers (scaling adds or removes containers, the others only steer the agent).
    /// </summary>
    public static string Of(ServiceSpec spec, Secrets.ConfigHashKey key)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(key);
        var container = spec with { Replicas = 1, DependsOn = Common.ValueMap<Dependency>.Empty, PullPolicy = PullPolicy.Missing, UpdateOrder = UpdateOrder.StopFirst };
        return key.Sign(Encoding.UTF8.GetBytes(CanonicalJson(container)));
    }
}
