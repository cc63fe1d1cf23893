namespace GitOps.Daemon.Install;

/// <summary>
/// The daemon's systemd unit. It runs as its own account (in the docker group, for the engine's socket) with the
/// file system read-only except its state directory, no new privileges and no capabilities: the engine socket is
/// all the power the agent needs, and everything else it could be tricked into touching is closed.
/// </summary>
public static class SystemdUnit
{
    public const string Name = "gitops-agent.service";

    public static string Render(string execStart, string configPath, string stateDirectory, string user) => $"""
        [Unit]
        Description=gitops-agent: converge this host to what its config repository says
        Wants=network-online.target
        After=network-online.target docker.service
        # Installed before it is configured (from a package), it waits for its configuration instead of failing.
        ConditionPathExists={configPath}
        # A start that keeps failing (a port in use, a broken config) stops after 5 tries in 10 minutes
        # instead of restarting forever; `systemctl reset-failed` re-arms it.
        StartLimitIntervalSec=600
        StartLimitBurst=5

        [Service]
        Type=notify
        ExecStart={execStart} run --config {configPath}
        User={user}
        Group={user}
        SupplementaryGroups=docker
        Restart=on-failure
        RestartSec=5s
        TimeoutStopSec=90s
        UMask=0027

        # Hardening: read-only system, private /tmp and /dev, no privileges to gain.
        ReadWritePaths={stateDirectory}
        ProtectSystem=strict
        ProtectHome=yes
        PrivateTmp=yes
        PrivateDevices=yes
        NoNewPrivileges=yes
        CapabilityBoundingSet=
        AmbientCapabilities=
        RestrictSUIDSGID=yes
        RestrictRealtime=yes
        RestrictNamespaces=yes
        RestrictAddressFamilies=AF_UNIX AF_INET AF_INET6 AF_NETLINK
        LockPersonality=yes
        ProtectKernelTunables=yes
        ProtectKernelModules=yes
        ProtectKernelLogs=yes
        ProtectControlGroups=yes
        ProtectClock=yes
        ProtectHostname=yes
        SystemCallArchitectures=native
        # MemoryDenyWriteExecute is left off: the .NET JIT writes the code it runs.

        [Install]
        WantedBy=multi-user.target

        """;
}
