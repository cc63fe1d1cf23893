using GitOps.Reconciler.Common;
using GitOps.Reconciler.Compose;
using static GitOps.Reconciler.Tests.Compose.ComposeAssert;

namespace GitOps.Reconciler.Tests.Compose;

public class ComposeLoaderProcessTests
{
    [Fact]
    public void Load_MinimalService_DefaultsFilled()
    {
        var stack = Loads("services:\n  web:\n    image: nginx:1.27\n");
        var web = stack.Services["web"];
        Assert.Equal("app", stack.Name);
        Assert.Equal("nginx:1.27", web.Image);
        Assert.Null(web.Command);
        Assert.Equal("no", web.Restart);
        Assert.Equal(1, web.Replicas);
        Assert.Equal(PullPolicy.Missing, web.PullPolicy);
        Assert.Equal(ResourceLimits.None, web.Resources);
        Assert.Equal(NetworkAttachment.Plain, web.Networks["default"]);
        Assert.Equal(NetworkSpec.Default("app"), stack.Networks["default"]);
    }

    [Fact]
    public void Load_CommandString_ShellSplit()
    {
        var web = Service("services:\n  web:\n    image: x\n    command: sh -c 'echo hi'\n    entrypoint: [\"/bin/tini\", \"--\"]\n");
        Assert.Equal(ValueList.Of("sh", "-c", "echo hi"), web.Command);
        Assert.Equal(ValueList.Of("/bin/tini", "--"), web.Entrypoint);
    }

    [Fact]
    public void Load_EnvironmentListAndBareNames_ValuesFromVariables()
    {
        var web = Service(
            "services:\n  web:\n    image: x\n    environment:\n      - A=1\n      - FROM_VARS\n      - ABSENT\n      - EQ=a=b\n",
            variables: Vars(("FROM_VARS", "v")));
        Assert.Equal(ValueMap.From(new Dictionary<string, string> { ["A"] = "1", ["FROM_VARS"] = "v", ["EQ"] = "a=b" }), web.Environment);
    }

    [Fact]
    public void Load_EnvironmentMap_ScalarsAsText()
    {
        var web = Service("services:\n  web:\n    image: x\n    environment:\n      PORT: 8080\n      DEBUG: true\n      BARE:\n");
        Assert.Equal("8080", web.Environment["PORT"]);
        Assert.Equal("true", web.Environment["DEBUG"]);
        Assert.False(web.Environment.ContainsKey("BARE"));
    }

    [Fact]
    public void Load_EnvFiles_OverrideInOrderAndEnvironmentWins()
    {
        using var repo = new TempRepo();
        repo.Write("stacks/app/a.env", "A=from-a\nB=from-a\nC=from-a\n");
        repo.Write("stacks/app/conf/b.env", "B=from-b\nC=from-b\n");
        var stack = Loads(repo, "services:\n  web:\n    image: x\n    env_file: [a.env, conf/b.env]\n    environment:\n      C: from-environment\n");
        var env = stack.Services["web"].Environment;
        Assert.Equal("from-a", env["A"]);
        Assert.Equal("from-b", env["B"]);
        Assert.Equal("from-environment", env["C"]);
    }

    [Fact]
    public void Load_EnvFileStringForm_Read()
    {
        using var repo = new TempRepo();
        repo.Write("stacks/app/.env.web", "K=v\n");
        Assert.Equal("v", Loads(repo, "services:\n  web:\n    image: x\n    env_file: .env.web\n").Services["web"].Environment["K"]);
    }

    [Fact]
    public void Load_EnvFileLongFormOptionalMissing_Skipped()
    {
        using var repo = new TempRepo();
        repo.Write("stacks/app/shared.env", "K=v\n");
        var stack = Loads(repo, "services:\n  web:\n    image: x\n    env_file:\n      - path: shared.env\n      - path: local.env\n        required: false\n");
        Assert.Equal("v", stack.Services["web"].Environment["K"]);
    }

    [Fact]
    public void Load_ScalarKeys_Copied()
    {
        var web = Service("""
            services:
              web:
                image: x
                container_name: web-1
                hostname: web
                user: "1000:1000"
                working_dir: /srv
                stop_signal: SIGINT
                stop_grace_period: 1m30s
                privileged: true
                read_only: true
                init: true
                stdin_open: true
                tty: true
                platform: linux/amd64
                restart: on-failure:3
            """);
        Assert.Equal("web-1", web.ContainerName);
        Assert.Equal("web", web.Hostname);
        Assert.Equal("1000:1000", web.User);
        Assert.Equal("/srv", web.WorkingDir);
        Assert.Equal("SIGINT", web.StopSignal);
        Assert.Equal(TimeSpan.FromSeconds(90), web.StopGracePeriod);
        Assert.True(web.Privileged && web.ReadOnly && web.StdinOpen && web.Tty);
        Assert.True(web.Init);
        Assert.Equal("linux/amd64", web.Platform);
        Assert.Equal("on-failure:3", web.Restart);
    }

    [Fact]
    public void Load_SetsOrdered_Sorted()
    {
        var web = Service("""
            services:
              web:
                image: x
                cap_add: [SYS_TIME, NET_ADMIN]
                cap_drop: [MKNOD, ALL]
                security_opt: [no-new-privileges:true, apparmor:unconfined]
                dns: [9.9.9.9, 1.1.1.1]
            """);
        Assert.Equal(ValueList.Of("NET_ADMIN", "SYS_TIME"), web.CapAdd);
        Assert.Equal(ValueList.Of("ALL", "MKNOD"), web.CapDrop);
        Assert.Equal(ValueList.Of("apparmor:unconfined", "no-new-privileges:true"), web.SecurityOpt);
        Assert.Equal(ValueList.Of("9.9.9.9", "1.1.1.1"), web.Dns);
    }

    [Fact]
    public void Load_DnsString_OneItem()
    {
        Assert.Equal(ValueList.Of("10.0.0.2"), Service("services:\n  web:\n    image: x\n    dns: 10.0.0.2\n").Dns);
    }

    [Fact]
    public void Load_LabelsListAndMap_SameResult()
    {
        var fromList = Service("services:\n  web:\n    image: x\n    labels: [\"a=1\", \"b\"]\n");
        var fromMap = Service("services:\n  web:\n    image: x\n    labels:\n      b: \"\"\n      a: \"1\"\n");
        Assert.Equal(fromMap.Labels, fromList.Labels);
        Assert.Equal("1", fromList.Labels["a"]);
    }

    [Fact]
    public void Load_SysctlsListAndMap_Parsed()
    {
        Assert.Equal("1", Service("services:\n  web:\n    image: x\n    sysctls: [net.core.somaxconn=1]\n").Sysctls["net.core.somaxconn"]);
        Assert.Equal("0", Service("services:\n  web:\n    image: x\n    sysctls:\n      net.ipv4.tcp_syncookies: 0\n").Sysctls["net.ipv4.tcp_syncookies"]);
    }

    [Fact]
    public void Load_BuildWithImage_ImageDeployedWithWarning()
    {
        using var repo = new TempRepo();
        var (stack, bag) = repo.Load("services:\n  web:\n    image: reg/web:1\n    build: .\n");
        Assert.Equal("reg/web:1", stack!.Services["web"].Image);
        var warning = Assert.Single(bag.Items);
        Assert.Equal("stacks/app/compose.yaml:4:5: warning: build is ignored: images are built by CI", warning.ToString());
    }

    [Fact]
    public void Load_VersionKey_Warning()
    {
        using var repo = new TempRepo();
        var (stack, bag) = repo.Load("version: \"3.8\"\nservices:\n  web:\n    image: x\n");
        Assert.NotNull(stack);
        Assert.Equal("stacks/app/compose.yaml:1:1: warning: 'version' is obsolete and ignored", Assert.Single(bag.Items).ToString());
    }
}
