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
    List<string>? CreateHostPaths = null,
    List<string>? Explicit = null,
    List<string>? Sensitive = null,
    UpdateOrder? Order = null)
{
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
        spec.Mounts.Any(m => m.CreateHostPath) ? [.. spec.Mounts.Where(m => m.CreateHostPath).Select(m => m.Target)] : null,
        ExplicitFields(spec),
        spec.SensitiveEnvironment.Count == 0 ? null : [.. spec.SensitiveEnvironment],
        spec.UpdateOrder == UpdateOrder.StopFirst ? null : spec.UpdateOrder);

    /// <summary>
    /// Fields the engine fills with a default when they are not given, indistinguishable from the same value given:
    /// the ones the spec sets, so that only those read back. mem_swappiness is kept with its value, because an engine
    /// on cgroup v2 discards it.
    /// </summary>
    private static List<string>? ExplicitFields(ServiceSpec spec)
    {
        var fields = new List<string>();
        if (spec.Ipc is not null)
        {
            fields.Add("ipc");
        }
        if (spec.MemswapLimit is not null)
        {
            fields.Add("memswap_limit");
        }
        if (spec.Runtime is not null)
        {
            fields.Add("runtime");
        }
        if (spec.SecurityOpt.Contains(LabelDisable))
        {
            fields.Add(LabelDisable);
        }
        if (spec.MemSwappiness is { } swappiness)
        {
            fields.Add("mem_swappiness=" + swappiness.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        return fields.Count == 0 ? null : fields;
    }

    /// <summary>What the engine adds to security_opt for a privileged container or one in the host's pid or ipc namespace.</summary>
    private const string LabelDisable = "label=disable";

    public string ToJson() => JsonSerializer.Serialize(this, UnobservableFieldsJsonContext.Default.UnobservableFields);

    public static UnobservableFields? FromJson(string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return null;
        }
        try
        {
            return JsonSerializer.Deserialize(json, UnobservableFieldsJsonContext.Default.UnobservableFields);
        }
        catch (Exception e) when (e is JsonException or NotSupportedException)
        {
            return null;
        }
    }

    public ServiceSpec ApplyTo(ServiceSpec spec) => spec with
    {
        // Which variables are secret is known from the repo only; the label keeps it so drift masks them too.
        SensitiveEnvironment = ValueList.From(Sensitive ?? []),
        PullPolicy = PullPolicy,
        Platform = Platform,
        Secrets = ValueList.From(Secrets ?? []),
        Configs = ValueList.From(Configs ?? []),
        DependsOn = ValueMap.From(DependsOn ?? []),
        Links = ValueList.From(Links ?? []),
        UpdateOrder = Order ?? UpdateOrder.StopFirst,
        // The engine has one pids limit; the spec may name it as pids_limit, as a resource limit, or both.
        PidsLimit = PidsInLimit ? spec.PidsLimit : null,
        Resources = spec.Resources with { Pids = PidsInResources ? spec.PidsLimit : null },
        // Engines before API 1.44 (Docker 20.10 among them) drop start_interval; it is applied where supported.
        Healthcheck = spec.Healthcheck is { StartInterval: null } health && HealthStartInterval is not null
            ? health with { StartInterval = HealthStartInterval }
            : spec.Healthcheck,
        SecurityOpt = spec.SecurityOpt.Contains(LabelDisable) && Explicit?.Contains(LabelDisable) != true
            && (spec.Privileged || spec.Pid == "host" || spec.Ipc == "host")
            ? ValueList.From(spec.SecurityOpt.Where(o => o != LabelDisable))
            : spec.SecurityOpt,
        // Without runtime the engine shows its default runtime (runc, or whatever the host made the default).
        Runtime = Explicit?.Contains("runtime") == true ? spec.Runtime : null,
        // Without ipc the engine shows its default mode (private or shareable); without memswap_limit, twice the memory.
        Ipc = Explicit?.Contains("ipc") == true ? spec.Ipc : spec.Ipc is "private" or "shareable" ? null : spec.Ipc,
        MemswapLimit = Explicit?.Contains("memswap_limit") == true || spec.MemswapLimit != 2 * spec.Resources.MemoryBytes ? spec.MemswapLimit : null,
        MemSwappiness = spec.MemSwappiness ?? Explicit?.Where(f => f.StartsWith("mem_swappiness=", StringComparison.Ordinal))
            .Select(f => (long?)long.Parse(f["mem_swappiness=".Length..], System.Globalization.CultureInfo.InvariantCulture)).FirstOrDefault(),
        // Whether a bind source may be created is the executor's business before create; the container cannot show it.
        Mounts = CreateHostPaths is { Count: > 0 } targets
            ? ValueList.From(spec.Mounts.Select(m => m.Type == MountType.Bind && targets.Contains(m.Target) ? m with { CreateHostPath = true } : m))
            : spec.Mounts,
    };
}
