using GitOps.Reconciler.Common;
using GitOps.Reconciler.Compose;

namespace GitOps.Reconciler.Tests.Compose;

/// <summary>
/// Service specs that between them set every field: read from compose files through the loader, plus hand-built
/// specs for values compose cannot express (nulls beside empty collections, characters JSON must escape).
/// </summary>
internal static class ServiceSpecCorpus
{
    public const string FullCompose =
        """
        services:
          full:
            image: 127.0.0.1:5000/demo/web:v1
            command: ["sh", "-c", "echo \"hi\" <&> 'é' \u2028"]
            entrypoint: [/bin/tini, --]
            environment:
              B_VAR: "two words"
              A_VAR: "quote\" back\\slash <tag> & ünïcode 日本"
              EMPTY: ""
            ports:
              - "127.0.0.1:8080:80"
              - "9090:90/udp"
              - target: 443
                published: "8443"
                host_ip: 127.0.0.1
                protocol: tcp
            expose: ["3000", "4000/udp"]
            volumes:
              - data:/data
              - ./conf:/etc/conf:ro
              - type: tmpfs
                target: /scratch
                tmpfs:
                  size: 1048576
              - type: bind
                source: /srv/models
                target: /models
                bind:
                  create_host_path: true
            networks:
              front:
                aliases: [web, www]
              back: {}
            depends_on:
              db:
                condition: service_healthy
              cache:
                condition: service_started
            healthcheck:
              test: ["CMD", "wget", "-q", "-O-", "http://127.0.0.1/healthz"]
              interval: 10s
              timeout: 3s
              retries: 3
              start_period: 5s
              start_interval: 1s
            restart: unless-stopped
            hostname: full-host
            user: "1000:1000"
            working_dir: /app
            labels:
              com.example.team: ml
              com.example.note: "a \"quoted\" label"
            stop_signal: SIGINT
            stop_grace_period: 1m30s
            cap_add: [NET_ADMIN, SYS_TIME]
            cap_drop: [ALL]
            privileged: false
            read_only: true
            security_opt: ["no-new-privileges:true"]
            tmpfs: ["/run", "/tmp:size=64m"]
            sysctls:
              net.core.somaxconn: "1024"
            ulimits:
              nofile:
                soft: 1024
                hard: 2048
              nproc: 512
            extra_hosts: ["db.local:10.0.0.5"]
            dns: [1.1.1.1, 8.8.8.8]
            init: true
            stdin_open: true
            tty: true
            logging:
              driver: json-file
              options:
                max-size: 10m
                max-file: "3"
            pids_limit: 100
            platform: linux/amd64
            pull_policy: always
            mem_limit: 256m
            memswap_limit: 1g
            mem_swappiness: 10
            oom_score_adj: -500
            pid: host
            ipc: shareable
            uts: host
            runtime: runc
            devices: ["/dev/fuse:/dev/fuse:rwm"]
            gpus: all
            secrets: [api_key]
            configs:
              - source: app_conf
                target: /etc/app.conf
            deploy:
              replicas: 2
              resources:
                limits:
                  cpus: "1.5"
                  memory: 256m
                  pids: 100
                reservations:
                  devices:
                    - driver: nvidia
                      count: 1
                      capabilities: [gpu]
              update_config:
                order: start-first
          net-shared:
            image: busybox
            network_mode: "service:full"
            restart: "on-failure:3"
            init: false
          db:
            image: postgres:16
            container_name: the-db
            healthcheck:
              disable: true
          cache:
            image: redis
            healthcheck:
              test: "redis-cli ping"
        networks:
          front: {}
          back: {}
        volumes:
          data: {}
        secrets:
          api_key:
            file: ./api_key.txt
        configs:
          app_conf:
            file: ./app.conf
        """;

    public static IReadOnlyList<ServiceSpec> Load()
    {
        using var repo = new TempRepo();
        repo.Write("stacks/app/api_key.txt", "s3cret\n").Write("stacks/app/app.conf", "a=1\n");
        var (stack, bag) = repo.Load(FullCompose);
        Assert.True(stack is not null, string.Join("\n", bag.Items));
        return [.. stack.Services.Values.Select(s => Relocated(s, repo.Root)), .. HandBuilt()];
    }

    // The loader resolves files to absolute paths; a fixed root keeps the corpus the same on every run.
    private static ServiceSpec Relocated(ServiceSpec spec, string root) => spec with
    {
        Mounts = ValueList.From(spec.Mounts.Select(m => m with { Source = m.Source.Replace(root, "/repo", StringComparison.Ordinal) })),
        Secrets = ValueList.From(spec.Secrets.Select(g => g with { SourceRef = g.SourceRef.Replace(root, "/repo", StringComparison.Ordinal) })),
        Configs = ValueList.From(spec.Configs.Select(g => g with { SourceRef = g.SourceRef.Replace(root, "/repo", StringComparison.Ordinal) })),
    };

    private static IEnumerable<ServiceSpec> HandBuilt()
    {
        yield return new ServiceSpec { Name = "bare", Image = "x" };
        yield return new ServiceSpec
        {
            Name = "escaping\t\"\\/<>&'\u0001\u007f\u00e9\ud83d\ude00",
            Image = "x",
            Command = ValueList<string>.Empty,
            Entrypoint = ValueList.Of("", " "),
            Environment = ValueMap.From([KeyValuePair.Create("K\n", "v\r\n"), KeyValuePair.Create("+", "\u2029")]),
            SensitiveEnvironment = ValueList.Of("K\n"),
            Devices = ValueList<DeviceSpec>.Empty,
            DeviceRequests = ValueList<DeviceRequestSpec>.Empty,
            StopGracePeriod = TimeSpan.Zero,
            OomScoreAdj = 0,
            MemSwappiness = 0,
            MemswapLimit = -1,
            Init = false,
            UpdateOrder = UpdateOrder.StopFirst,
        };
    }
}
