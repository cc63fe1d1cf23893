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
    bool PidsInLimit,
    TimeSpan? HealthStartInterval = null,
    List<string>? CreateHostPaths = null)
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
        spec.Resources.Pids is not null,
        spec.PidsLimit is not null,
        spec.Healthcheck?.StartInterval,
        spec.Mounts.Any(m => m.CreateHostPath) ? [.. spec.Mounts.Where(m => m.CreateHostPath).Select(m => m.Target)] : null);

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
        // The engine has one pids limit; the spec may name it as pids_limit, as a resource limit, or both.
        PidsLimit = PidsInLimit ? spec.PidsLimit : null,
        Resources = spec.Resources with { Pids = PidsInResources ? spec.PidsLimit : null },
        // Engines before API 1.44 (Docker 20.10 among them) drop start_interval; it is applied where supported.
        Healthcheck = spec.Healthcheck is { StartInterval: null } health && HealthStartInterval is not null
            ? health with { StartInterval = HealthStartInterval }
            : spec.Healthcheck,
        // Whether a bind source may be created is the executor's business before create; the container cannot show it.
        Mounts = CreateHostPaths is { Count: > 0 } targets
            ? ValueList.From(spec.Mounts.Select(m => m.Type == MountType.Bind && targets.Contains(m.Target) ? m with { CreateHostPath = true } : m))
            : spec.Mounts,
    };
}
