using System.Text.Json;
using GitOps.Reconciler.Common;
using GitOps.Reconciler.Compose;

namespace GitOps.Reconciler.Engine;

/// <summary>
/// Spec fields a container cannot show (or shows only lossily), kept in one label so a read-back is exact.
/// Secrets and configs are stored as references and content hashes, never their values.
/// </summary>
internal sealed record UnobservableFields(
    PullPolicy PullPolicy,
    string? Platform,
    List<FileGrant> Secrets,
    List<FileGrant> Configs,
    Dictionary<string, Dependency> DependsOn,
    List<string> Links,
    bool PidsInResources,
    TimeSpan? HealthStartInterval = null)
{
    private static readonly JsonSerializerOptions Options = new()
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };

    public static UnobservableFields Of(ServiceSpec spec) => new(
        spec.PullPolicy,
        spec.Platform,
        [.. spec.Secrets],
        [.. spec.Configs],
        spec.DependsOn.ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal),
        [.. spec.Links],
        spec.PidsLimit is null && spec.Resources.Pids is not null,
        spec.Healthcheck?.StartInterval);

    public string ToJson() => JsonSerializer.Serialize(this, Options);

    public static UnobservableFields? FromJson(string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return null;
        }
        try
        {
            return JsonSerializer.Deserialize<UnobservableFields>(json, Options);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public ServiceSpec ApplyTo(ServiceSpec spec) => spec with
    {
        PullPolicy = PullPolicy,
        Platform = Platform,
        Secrets = ValueList.From(Secrets ?? []),
        Configs = ValueList.From(Configs ?? []),
        DependsOn = ValueMap.From(DependsOn ?? []),
        Links = ValueList.From(Links ?? []),
        PidsLimit = PidsInResources ? null : spec.PidsLimit,
        Resources = PidsInResources ? spec.Resources with { Pids = spec.PidsLimit } : spec.Resources,
        // Engines before API 1.44 (Docker 20.10 among them) drop start_interval; it is applied where supported.
        Healthcheck = spec.Healthcheck is { StartInterval: null } health && HealthStartInterval is not null
            ? health with { StartInterval = HealthStartInterval }
            : spec.Healthcheck,
    };
}
