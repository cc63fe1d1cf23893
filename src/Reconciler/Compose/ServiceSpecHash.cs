using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace GitOps.Reconciler.Compose;

/// <summary>
/// A stable hash of a normalised <see cref="ServiceSpec"/>. The executor stores it on each container
/// (compose's config-hash label) so that a no-op reconcile can prove "unchanged" from one container
/// list, without inspecting every container.
/// </summary>
public static class ServiceSpecHash
{
    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = false,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>Canonical JSON of the spec: records keep declaration order, maps are key-ordered, sets are pre-sorted.</summary>
    public static string CanonicalJson(ServiceSpec spec) => JsonSerializer.Serialize(spec, Options);

    public static string Of(ServiceSpec spec) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(CanonicalJson(spec))));
}
