using GitOps.Reconciler.Common;
using GitOps.Reconciler.Compose;
using static GitOps.Reconciler.Tests.Compose.ComposeAssert;

namespace GitOps.Reconciler.Tests.Compose;

public class ComposeLoaderStorageTests
{
    [Fact]
    public void Load_VolumesShortForm_BindNamedAnonymous()
    {
        using var repo = new TempRepo();
        repo.Write("stacks/app/conf/nginx.conf", "x");
        var stack = Loads(repo, """
            services:
              web:
                image: x
                volumes:
                  - ./conf/nginx.conf:/etc/nginx/nginx.conf:ro
                  - /var/log/app:/logs/
                  - data:/data
                  - /cache
            volumes:
              data:
                driver: local
                labels:
                  keep: "yes"
                driver_opts:
                  type: none
            """);
        Assert.Equal(
            ValueList.Of(
                new MountSpec(MountType.Volume, "", "/cache", false),
                new MountSpec(MountType.Volume, "data", "/data", false),
                new MountSpec(MountType.Bind, Path.Combine(repo.StackPath, "conf", "nginx.conf"), "/etc/nginx/nginx.conf", true) { CreateHostPath = true },
                new MountSpec(MountType.Bind, "/var/log/app", "/logs", false) { CreateHostPath = true }),
            stack.Services["web"].Mounts);
        var data = stack.Volumes["data"];
        Assert.Equal(new VolumeSpec("data", "app_data", "local", false, data.Labels, data.DriverOptions), data);
        Assert.Equal("yes", data.Labels["keep"]);
        Assert.Equal("none", data.DriverOptions["type"]);
    }

    [Fact]
    public void Load_VolumesLongForm_Parsed()
    {
        using var repo = new TempRepo();
        var stack = Loads(repo, """
            services:
              web:
                image: x
                volumes:
                  - type: bind
                    source: ./html
                    target: /usr/share/nginx/html
                    read_only: true
                  - type: volume
                    source: data
                    target: /data
                  - type: tmpfs
                    target: /scratch
                    tmpfs:
                      size: 64m
            volumes:
              data:
                external: true
            """);
        Assert.Equal(
            ValueList.Of(
                new MountSpec(MountType.Volume, "data", "/data", false),
                new MountSpec(MountType.Tmpfs, "", "/scratch", false, 64L * 1024 * 1024),
                new MountSpec(MountType.Bind, Path.Combine(repo.StackPath, "html"), "/usr/share/nginx/html", true)),
            stack.Services["web"].Mounts);
        Assert.Equal("data", stack.Volumes["data"].EngineName);
        Assert.True(stack.Volumes["data"].External);
    }

    [Fact]
    public void Load_TmpfsStringAndList_PathToOptions()
    {
        Assert.Equal("", Service("services:\n  web:\n    image: x\n    tmpfs: /run\n").Tmpfs["/run"]);
        var web = Service("services:\n  web:\n    image: x\n    tmpfs:\n      - /run\n      - /tmp:size=64m,mode=1777\n");
        Assert.Equal("size=64m,mode=1777", web.Tmpfs["/tmp"]);
    }

    [Fact]
    public void Load_SecretsAndConfigs_FileAndEnvironmentSources()
    {
        using var repo = new TempRepo();
        repo.Write("stacks/app/secrets/db.txt", "hunter2");
        var stack = Loads(repo, """
            services:
              web:
                image: x
                secrets:
                  - db_password
                  - source: api_key
                    target: api.key
                    uid: "1000"
                    gid: "1000"
                    mode: 0440
                configs:
                  - app_conf
                  - source: app_conf
                    target: /etc/app/app.conf
            secrets:
              db_password:
                file: ./secrets/db.txt
              api_key:
                environment: API_KEY
            configs:
              app_conf:
                file: secrets/db.txt
            """, Vars(("API_KEY", "k3y")));
        var web = stack.Services["web"];
        var hunter2 = GitOps.Reconciler.Secrets.ConfigHashKey.Unkeyed.Sign("hunter2"u8);
        var key = GitOps.Reconciler.Secrets.ConfigHashKey.Unkeyed.Sign("k3y"u8);
        var secretFile = Path.Combine(repo.StackPath, "secrets", "db.txt");
        Assert.Equal(
            ValueList.Of(
                new FileGrant("api_key", "/run/secrets/api.key", GrantSource.Environment, "API_KEY", key, "1000", "1000", Convert.ToInt32("440", 8)),
                new FileGrant("db_password", "/run/secrets/db_password", GrantSource.File, secretFile, hunter2)),
            web.Secrets);
        Assert.Equal(
            ValueList.Of(
                new FileGrant("app_conf", "/app_conf", GrantSource.File, secretFile, hunter2),
                new FileGrant("app_conf", "/etc/app/app.conf", GrantSource.File, secretFile, hunter2)),
            web.Configs);
    }

    [Fact]
    public void Load_ConfigContentAndEnvironment_HashInSpecContentBeside()
    {
        var stack = Loads("""
            services:
              web:
                image: x
                configs:
                  - source: inline
                    target: /etc/inline.conf
                  - from_env
            configs:
              inline:
                content: |
                  workers=${WORKERS}
              from_env:
                environment: APP_CONF
            """, Vars(("WORKERS", "4"), ("APP_CONF", "x=1")));
        var inline = GitOps.Reconciler.Secrets.ConfigHashKey.Unkeyed.Sign("workers=4\n"u8);
        var env = GitOps.Reconciler.Secrets.ConfigHashKey.Unkeyed.Sign("x=1"u8);
        Assert.Equal(
            ValueList.Of(
                new FileGrant("inline", "/etc/inline.conf", GrantSource.Content, "config:inline", inline),
                new FileGrant("from_env", "/from_env", GrantSource.Environment, "APP_CONF", env)),
            stack.Services["web"].Configs);
        Assert.Equal("workers=4\n", stack.GrantContents["config:inline"]);
        Assert.DoesNotContain("workers", ServiceSpecHash.CanonicalJson(stack.Services["web"]), StringComparison.Ordinal);
    }
}
