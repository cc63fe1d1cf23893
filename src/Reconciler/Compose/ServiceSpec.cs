using System.Text.Json.Serialization;
using GitOps.Reconciler.Common;

namespace GitOps.Reconciler.Compose;

/// <summary>
/// One compose service after interpolation and normalisation: defaults filled, sets ordered,
/// sizes in bytes, durations as <see cref="TimeSpan"/>. Nullable members mean "not set, engine/image default".
/// Members added after the first release are left out of the spec hash while unset, so a service that does not use
/// them keeps its hash (and its containers) across an agent upgrade.
/// </summary>
public sealed record ServiceSpec
{
    public required string Name { get; init; }

    /// <summary>Image reference as written (after interpolation), e.g. <c>127.0.0.1:5000/ocr:1.4.2</c>.</summary>
    public required string Image { get; init; }

    public ValueList<string>? Command { get; init; }
    public ValueList<string>? Entrypoint { get; init; }

    /// <summary>Final environment: env_file entries overlaid by <c>environment:</c>; a bare name takes its value from the stack variables, or is dropped when there is none.</summary>
    public ValueMap<string> Environment { get; init; } = ValueMap<string>.Empty;

    /// <summary>
    /// Names in <see cref="Environment"/> whose values came from a decrypted SOPS file or an env file marked
    /// <c>sensitive:</c>: masked wherever the spec is shown. Left out of the spec hash (it changes no container).
    /// </summary>
    [JsonIgnore]
    public ValueList<string> SensitiveEnvironment { get; init; } = ValueList<string>.Empty;

    public ValueList<PortBinding> Ports { get; init; } = ValueList<PortBinding>.Empty;

    /// <summary>Exposed ports as <c>port/protocol</c>, ordered.</summary>
    public ValueList<string> Expose { get; init; } = ValueList<string>.Empty;

    /// <summary>Bind, volume and tmpfs mounts, ordered by target.</summary>
    public ValueList<MountSpec> Mounts { get; init; } = ValueList<MountSpec>.Empty;

    /// <summary>Networks by compose key (not engine name), with aliases. Empty when <see cref="NetworkMode"/> is set.</summary>
    public ValueMap<NetworkAttachment> Networks { get; init; } = ValueMap<NetworkAttachment>.Empty;

    public string? NetworkMode { get; init; }

    public ValueMap<Dependency> DependsOn { get; init; } = ValueMap<Dependency>.Empty;

    public HealthcheckSpec? Healthcheck { get; init; }

    /// <summary>Restart policy: <c>no</c>, <c>always</c>, <c>on-failure[:N]</c> or <c>unless-stopped</c>.</summary>
    public string Restart { get; init; } = "no";

    public string? ContainerName { get; init; }
    public string? Hostname { get; init; }
    public string? User { get; init; }
    public string? WorkingDir { get; init; }

    /// <summary>User labels only; the agent's and compose's own labels are added by the executor.</summary>
    public ValueMap<string> Labels { get; init; } = ValueMap<string>.Empty;

    public string? StopSignal { get; init; }
    public TimeSpan? StopGracePeriod { get; init; }

    public ValueList<string> CapAdd { get; init; } = ValueList<string>.Empty;
    public ValueList<string> CapDrop { get; init; } = ValueList<string>.Empty;
    public bool Privileged { get; init; }
    public bool ReadOnly { get; init; }
    public ValueList<string> SecurityOpt { get; init; } = ValueList<string>.Empty;

    /// <summary>Service-level <c>tmpfs:</c> entries: mount path to options ("" when none).</summary>
    public ValueMap<string> Tmpfs { get; init; } = ValueMap<string>.Empty;

    public ValueMap<string> Sysctls { get; init; } = ValueMap<string>.Empty;
    public ValueList<Ulimit> Ulimits { get; init; } = ValueList<Ulimit>.Empty;

    /// <summary>Extra hosts as <c>name:ip</c>, ordered.</summary>
    public ValueList<string> ExtraHosts { get; init; } = ValueList<string>.Empty;

    public ValueList<string> Dns { get; init; } = ValueList<string>.Empty;
    public bool? Init { get; init; }
    public bool StdinOpen { get; init; }
    public bool Tty { get; init; }
    public LoggingSpec? Logging { get; init; }
    public long? PidsLimit { get; init; }
    public string? Platform { get; init; }
    public PullPolicy PullPolicy { get; init; } = PullPolicy.Missing;

    /// <summary>Number of containers: <c>scale</c> or <c>deploy.replicas</c>, default 1.</summary>
    public int Replicas { get; init; } = 1;

    public ResourceLimits Resources { get; init; } = ResourceLimits.None;

    /// <summary>Secrets mounted read-only, by default at <c>/run/secrets/&lt;name&gt;</c>.</summary>
    public ValueList<FileGrant> Secrets { get; init; } = ValueList<FileGrant>.Empty;

    /// <summary>Configs mounted read-only at their target (default <c>/&lt;name&gt;</c>).</summary>
    public ValueList<FileGrant> Configs { get; init; } = ValueList<FileGrant>.Empty;

    /// <summary>Links as <c>service[:alias]</c>, ordered.</summary>
    public ValueList<string> Links { get; init; } = ValueList<string>.Empty;

    /// <summary>Memory plus swap in bytes (<c>memswap_limit</c>); -1 is unlimited swap.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public long? MemswapLimit { get; init; }

    /// <summary><c>mem_swappiness</c>, 0 to 100.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public long? MemSwappiness { get; init; }

    /// <summary><c>oom_score_adj</c>, -1000 to 1000; 0 (the default) is null.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? OomScoreAdj { get; init; }

    /// <summary>PID namespace: <c>host</c>, <c>service:&lt;name&gt;</c> or <c>container:&lt;name&gt;</c>.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Pid { get; init; }

    /// <summary>IPC namespace: <c>host</c>, <c>private</c>, <c>shareable</c>, <c>none</c>, <c>service:&lt;name&gt;</c> or <c>container:&lt;name&gt;</c>.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Ipc { get; init; }

    /// <summary>UTS namespace: <c>host</c>.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Uts { get; init; }

    /// <summary>Host devices, ordered by container path.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public ValueList<DeviceSpec>? Devices { get; init; }

    /// <summary>Device requests (GPUs): <c>gpus:</c> first, then <c>deploy.resources.reservations.devices</c>, each in the order written.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public ValueList<DeviceRequestSpec>? DeviceRequests { get; init; }

    /// <summary>The OCI runtime (<c>runtime:</c>, e.g. <c>nvidia</c>), or null for the engine's default.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Runtime { get; init; }

    /// <summary>
    /// <c>deploy.update_config.order</c>. Steers the agent, not the container: left out of the spec hash (changing it
    /// recreates nothing), and a service that cannot run two copies is replaced stop-first whatever it asks
    /// (see <see cref="ServiceCopies"/>).
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public UpdateOrder UpdateOrder { get; init; }

    /// <summary>
    /// How <see cref="Image"/> is built on the host, or null when it is pulled. Left out of the spec hash: the image tag
    /// already carries the build's content hash, and the context's path changes with every revision checked out.
    /// </summary>
    [JsonIgnore]
    public BuildSpec? Build { get; init; }
}
