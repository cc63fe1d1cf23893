using GitOps.Reconciler.Yaml;

namespace GitOps.Reconciler.Compose;

/// <summary>
/// The keys compose defines at each level, split into those this engine implements and those it does not.
/// An unimplemented key is an "unsupported" error rather than being dropped; a key compose does not know is "unknown".
/// </summary>
internal static class ComposeKeys
{
    public static readonly string[] TopLevel = ["version", "name", "services", "networks", "volumes", "secrets", "configs"];
    public static readonly string[] TopLevelUnsupported = ["include", "models"];

    public static readonly string[] Service =
    [
        "build", "cap_add", "cap_drop", "command", "configs", "container_name", "cpus", "depends_on", "deploy",
        "devices", "dns", "entrypoint", "env_file", "environment", "expose", "extra_hosts", "gpus", "healthcheck",
        "hostname", "image", "init", "ipc", "labels", "links", "logging", "mem_limit", "mem_swappiness",
        "memswap_limit", "network_mode", "networks", "oom_score_adj", "pid", "pids_limit", "platform", "ports",
        "privileged", "profiles", "pull_policy", "read_only", "restart", "runtime", "scale", "secrets", "security_opt",
        "stdin_open", "stop_grace_period", "stop_signal", "sysctls", "tmpfs", "tty", "ulimits", "user", "uts",
        "volumes", "working_dir",
    ];

    public static readonly string[] ServiceUnsupported =
    [
        "annotations", "attach", "blkio_config", "cgroup", "cgroup_parent", "cpu_count", "cpu_percent", "cpu_period",
        "cpu_quota", "cpu_rt_period", "cpu_rt_runtime", "cpu_shares", "cpuset", "credential_spec", "develop",
        "device_cgroup_rules", "dns_opt", "dns_search", "domainname", "driver_opts", "extends", "external_links",
        "group_add", "isolation", "label_file", "mac_address", "mem_reservation", "models", "oom_kill_disable",
        "post_start", "pre_stop", "provider", "shm_size", "storage_opt", "use_api_socket", "userns_mode",
        "volumes_from",
    ];

    public static readonly string[] Network = ["driver", "driver_opts", "external", "internal", "ipam", "labels", "name"];
    public static readonly string[] NetworkUnsupported = ["attachable", "enable_ipv4", "enable_ipv6"];
    public static readonly string[] Ipam = ["config", "driver", "options"];
    public static readonly string[] IpamConfig = ["aux_addresses", "gateway", "ip_range", "subnet"];

    public static readonly string[] Volume = ["driver", "driver_opts", "external", "labels", "name"];

    public static readonly string[] Grant = ["environment", "file"];
    public static readonly string[] SecretUnsupported = ["external", "name", "template_driver", "driver", "driver_opts", "labels"];
    public static readonly string[] Config = ["content", "environment", "file"];
    public static readonly string[] ConfigUnsupported = ["external", "name", "template_driver", "labels"];

    public static readonly string[] Deploy = ["replicas", "resources", "restart_policy", "update_config"];

    /// <summary>Keys only a swarm acts on: accepted with a warning, as compose does on a single engine.</summary>
    public static readonly string[] DeploySwarmOnly = ["endpoint_mode", "labels", "placement", "rollback_config"];
    public static readonly string[] DeployUnsupported = ["mode"];
    public static readonly string[] RestartPolicy = ["condition", "delay", "max_attempts", "window"];
    public static readonly string[] UpdateConfig = ["delay", "failure_action", "max_failure_ratio", "monitor", "order", "parallelism"];
    public static readonly string[] Resources = ["limits", "reservations"];
    public static readonly string[] Reservations = ["devices"];
    public static readonly string[] ReservationsUnsupported = ["cpus", "generic_resources", "memory"];
    public static readonly string[] DeviceRequest = ["capabilities", "count", "device_ids", "driver", "options"];
    public static readonly string[] DeviceMapping = ["permissions", "source", "target"];
    public static readonly string[] Limits = ["cpus", "memory", "pids"];
    public static readonly string[] LimitsUnsupported = ["devices"];

    public static readonly string[] Build = ["args", "cache_from", "context", "dockerfile", "extra_hosts", "labels", "network", "target"];
    public static readonly string[] BuildUnsupported =
    [
        "additional_contexts", "cache_to", "dockerfile_inline", "entitlements", "isolation", "no_cache", "platforms", "privileged",
        "pull", "secrets", "shm_size", "ssh", "tags", "ulimits",
    ];

    public static readonly string[] Healthcheck = ["disable", "interval", "retries", "start_interval", "start_period", "test", "timeout"];
    public static readonly string[] Logging = ["driver", "options"];
    public static readonly string[] DependsOn = ["condition", "required", "restart"];
    public static readonly string[] ServiceNetwork = ["aliases", "ipv4_address", "ipv6_address"];
    public static readonly string[] ServiceNetworkUnsupported = ["driver_opts", "gw_priority", "interface_name", "link_local_ips", "mac_address", "priority"];
    public static readonly string[] Port = ["host_ip", "mode", "protocol", "published", "target"];
    public static readonly string[] PortUnsupported = ["app_protocol", "name"];
    public static readonly string[] Mount = ["bind", "consistency", "read_only", "source", "target", "tmpfs", "type", "volume"];
    public static readonly string[] MountUnsupported = ["image"];

    // recursive and subpath are refused with the engine API version they need, so they are listed as known here.
    public static readonly string[] MountBind = ["create_host_path", "propagation", "recursive", "selinux"];
    public static readonly string[] MountVolume = ["nocopy", "subpath"];
    public static readonly string[] MountTmpfs = ["size"];
    public static readonly string[] MountTmpfsUnsupported = ["mode"];
    public static readonly string[] EnvFile = ["path", "required"];
    public static readonly string[] EnvFileUnsupported = ["format"];
    public static readonly string[] ServiceGrant = ["gid", "mode", "source", "target", "uid"];
    public static readonly string[] Ulimit = ["hard", "soft"];

    /// <summary>
    /// Reports unsupported and unknown keys of <paramref name="map"/>. <paramref name="path"/> prefixes unsupported
    /// keys (e.g. <c>deploy.</c>) so the message names the key as a user would look it up.
    /// </summary>
    public static void Check(YamlMap map, string what, string[] supported, string[]? unsupported = null, string path = "", bool allowExtensions = false)
    {
        foreach (var (key, keyNode, _) in map.Entries)
        {
            if (supported.Contains(key, StringComparer.Ordinal) || (allowExtensions && key.StartsWith("x-", StringComparison.Ordinal)))
            {
                continue;
            }
            if (unsupported is not null && unsupported.Contains(key, StringComparer.Ordinal))
            {
                map.Diagnostics.Error(keyNode.At(map.File), $"unsupported: {path}{key}");
                continue;
            }
            map.Diagnostics.Error(keyNode.At(map.File), $"unknown key '{key}' in {what}; expected one of: {string.Join(", ", supported)}");
        }
    }
}
