using GitOps.Reconciler.Compose;
using GitOps.Reconciler.Desired;
using GitOps.Reconciler.Diagnostics;
using GitOps.Reconciler.Models;

namespace GitOps.Reconciler.Tests.Desired;

public class DesiredStateLoaderTests
{
    private static DesiredState Load(TestRepo repo, string host)
    {
        var diagnostics = new DiagnosticBag();
        var state = new DesiredStateLoader(FakeCompose.Load).Load(repo.Repo, host, diagnostics);
        Assert.True(state is not null, string.Join("\n", diagnostics.Items));
        Assert.DoesNotContain(diagnostics.Items, d => d.Severity == Severity.Error);
        return state!;
    }

    private static IReadOnlyDictionary<string, string> StackVariables(DesiredState state, string stack) =>
        state.Stacks[stack].Compose.Services["app"].Environment;

    [Fact]
    public void Load_PolicyAllowBuild_ReachesTheComposeLoader()
    {
        using var repo = TestRepo.Valid().Write("stacks/app/stack.yaml", "targets: [prod]\npolicy:\n  allowBuild: true\n");
        ComposeSource? seen = null;
        var diagnostics = new DiagnosticBag();
        var state = new DesiredStateLoader((source, bag) => { seen = source; return FakeCompose.Load(source, bag); }).Load(repo.Repo, "web-1", diagnostics);

        Assert.True(state!.Stacks["app"].Policy.AllowBuild);
        Assert.True(seen!.AllowBuild);
    }

    [Fact]
    public void Load_HostInTargetedGroup_GetsStackWithPolicyAndGroups()
    {
        using var repo = TestRepo.Valid()
            .Write("stacks/app/stack.yaml", "targets: [prod]\nsuspended: true\nselfHeal: false\nremoveVolumes: yes\nprofiles: [tools, debug]\n");
        var state = Load(repo, "web-1");
        Assert.Equal("web-1", state.Host);
        Assert.Equal(["prod"], state.Groups);
        var stack = state.Stacks["app"];
        Assert.Equal(new StackPolicy(Suspended: true, SelfHeal: false, RemoveVolumes: true), stack.Policy);
        Assert.Equal("app", stack.Compose.Name);
        Assert.Equal(["profile.debug", "profile.tools"], stack.Compose.Services["app"].Labels.Keys);
    }

    [Fact]
    public void Load_HostNotTargeted_GetsNothing()
    {
        using var repo = TestRepo.Valid()
            .Write("tasks/clean.yaml", "targets: [prod]\nschedule: '@daily'\nimage: busybox\n")
            .Write("models/m.yaml", $"targets: [web-1]\nversion: '1'\nsource: https://x.example/m.bin\nsha256: {new string('a', 64)}\npath: /srv/m\n");
        var state = Load(repo, "web-2");
        Assert.Empty(state.Stacks);
        Assert.Empty(state.Tasks);
        Assert.Empty(state.Models);
        Assert.Equal(["staging"], state.Groups);
    }

    [Fact]
    public void Load_TargetNamesHostDirectly_Applies()
    {
        using var repo = TestRepo.Valid().Write("stacks/app/stack.yaml", "targets: [web-2]\n");
        Assert.Contains("app", Load(repo, "web-2").Stacks.Keys);
        Assert.Empty(Load(repo, "web-1").Stacks);
    }

    [Fact]
    public void Load_MembershipDeclaredOnEitherSide_Merged()
    {
        using var repo = TestRepo.Valid().Write("inventory.yaml", """
            groups:
              a:
                hosts: [h]
              b: {}
              c: {}
            hosts:
              h:
                groups: [c, b]
            """).Write("stacks/app/stack.yaml", "targets: [b]\n");
        var state = Load(repo, "h");
        Assert.Equal(["a", "b", "c"], state.Groups);
        Assert.Contains("app", state.Stacks.Keys);
    }

    [Fact]
    public void Load_VariablePrecedence_HostOverGroupOverTopLevelOverStackOverDotEnv()
    {
        using var repo = TestRepo.Valid()
            .Write("inventory.yaml", """
                vars:
                  FROM_TOP: top
                  V1: top
                  V2: top
                  V3: top
                groups:
                  prod:
                    hosts: [web-1]
                    vars: {V1: group, V2: group}
                hosts:
                  web-1:
                    vars: {V1: host}
                """)
            .Write("stacks/app/stack.yaml", "targets: [prod]\nvariables:\n  V1: stack\n  V2: stack\n  V3: stack\n  V4: stack\n  FROM_STACK: stack\n")
            .Write("stacks/app/.env", "V1=env\nV2=env\nV3=env\nV4=env\nV5=env\n");
        var vars = StackVariables(Load(repo, "web-1"), "app");
        Assert.Equal("host", vars["V1"]);
        Assert.Equal("group", vars["V2"]);
        Assert.Equal("top", vars["V3"]);
        Assert.Equal("stack", vars["V4"]);
        Assert.Equal("env", vars["V5"]);
        Assert.Equal("top", vars["FROM_TOP"]);
        Assert.Equal("stack", vars["FROM_STACK"]);
    }

    [Fact]
    public void Load_HostInSeveralGroups_GroupDefinedLaterWins()
    {
        using var repo = TestRepo.Valid().Write("inventory.yaml", """
            groups:
              first:
                vars: {TAG: first, ONLY_FIRST: yes}
              second:
                vars: {TAG: second}
            hosts:
              h:
                groups: [second, first]
            """).Write("stacks/app/stack.yaml", "targets: [h]\n");
        var vars = StackVariables(Load(repo, "h"), "app");
        Assert.Equal("second", vars["TAG"]);
        Assert.Equal("yes", vars["ONLY_FIRST"]);
    }

    [Fact]
    public void Load_NumbersAndBooleans_StringsAsWritten()
    {
        using var repo = TestRepo.Valid().Write("stacks/app/stack.yaml", "targets: [prod]\nvariables:\n  TAG: 1.40\n  ON: true\n  PORT: 08080\n  EMPTY:\n");
        var vars = StackVariables(Load(repo, "web-1"), "app");
        Assert.Equal("1.40", vars["TAG"]);
        Assert.Equal("true", vars["ON"]);
        Assert.Equal("08080", vars["PORT"]);
        Assert.Equal("", vars["EMPTY"]);
    }

    [Fact]
    public void Load_ComposeSource_HasStackPathsAndProjectName()
    {
        using var repo = TestRepo.Valid().Delete("stacks/app/compose.yaml").Write("stacks/app/docker-compose.yml", "services: {}\n");
        ComposeSource? seen = null;
        var loader = new DesiredStateLoader((source, bag) => { seen = source; return FakeCompose.Load(source, bag); });
        Assert.NotNull(loader.Load(repo.Repo, "web-1", new DiagnosticBag()));
        Assert.Equal("stacks/app", seen!.StackDirectory);
        Assert.Equal("stacks/app/docker-compose.yml", seen.ComposeFile);
        Assert.Equal("app", seen.ProjectName);
    }

    [Fact]
    public void Load_ComposeLoaderReportsError_NullState()
    {
        using var repo = TestRepo.Valid();
        var diagnostics = new DiagnosticBag();
        var loader = new DesiredStateLoader((source, bag) =>
        {
            bag.Error(new SourcePosition(source.ComposeFile, 2, 3), "unsupported: gpus");
            return null;
        });
        Assert.Null(loader.Load(repo.Repo, "web-1", diagnostics));
        Assert.Equal("stacks/app/compose.yaml:2:3: unsupported: gpus", Assert.Single(diagnostics.Items).ToString());
    }

    [Fact]
    public void Load_Task_InterpolatedAndNormalised()
    {
        using var repo = TestRepo.Valid()
            .Write("inventory.yaml", TestRepo.Inventory + "\nvars:\n  REGISTRY: 127.0.0.1:5000/demo\n")
            .Write("tasks/backup.yaml", """
                targets: [prod]
                schedule: "30 2 * * 1-5"
                image: ${REGISTRY}/backup:${TAG:-1.0}
                command: sh -c 'echo $$HOME done'
                environment: [A=1, "B=${REGISTRY}"]
                volumes: [/var/backups/:/backup, data:/data:ro]
                timeout: 1h30m
                """);
        var task = Load(repo, "web-1").Tasks["backup"];
        Assert.Equal("127.0.0.1:5000/demo/backup:1.0", task.Image);
        Assert.Equal(["sh", "-c", "echo $HOME done"], task.Command!);
        Assert.Equal("127.0.0.1:5000/demo", task.Environment["B"]);
        Assert.Equal(["0 30 2 ? * 2-6"], task.QuartzCrons);
        Assert.Equal("30 2 * * 1-5", task.Schedule);
        Assert.Equal(TimeSpan.FromMinutes(90), task.Timeout);
        Assert.Equal(["bind:/var/backups:/backup", "volume:data:/data:ro"], task.Mounts.Select(m => m.ToString()));
        Assert.False(task.Suspended);
    }

    [Fact]
    public void Load_TaskWithoutTimeout_DefaultsToOneHour()
    {
        using var repo = TestRepo.Valid().Write("tasks/t.yml", "targets: [prod]\nschedule: '@hourly'\nimage: busybox\n");
        var task = Load(repo, "web-1").Tasks["t"];
        Assert.Equal(TimeSpan.FromHours(1), task.Timeout);
        Assert.Null(task.Command);
        Assert.Equal(["0 0 * * * ?"], task.QuartzCrons);
    }

    [Fact]
    public void Load_Model_NormalisedHashAndPath()
    {
        using var repo = TestRepo.Valid()
            .Write("models/files/layout.onnx", "weights")
            .Write("models/layout.yaml", $"targets: [prod]\nversion: 3.1\nsource: models/files/layout.onnx\nsha256: {new string('A', 64)}\npath: /srv/models/layout/\n");
        var model = Load(repo, "web-1").Models["layout"];
        Assert.Equal("3.1", model.Version);
        Assert.Equal("/srv/models/layout", model.Path);
        var file = Assert.Single(model.Files);
        Assert.Equal(new ModelFile("layout.onnx", new ModelSource(ModelSourceKind.Repository, "models/files/layout.onnx"), new string('a', 64)), file);
    }

    [Fact]
    public void Load_SameRepoTwice_EqualStates()
    {
        using var repo = TestRepo.Valid().Write("tasks/t.yaml", "targets: [prod]\nschedule: '0 0 1,15 * MON'\nimage: busybox\n");
        Assert.Equal(Load(repo, "web-1"), Load(repo, "web-1"));
    }

    [Fact]
    public void Load_FleetPolicy_Read()
    {
        using var repo = TestRepo.Valid().Write("inventory.yaml", TestRepo.Inventory + "\npolicy:\n  allowRemoveAllStacks: true\n");
        Assert.True(Load(repo, "web-1").Policy.AllowRemoveAllStacks);
    }

    [Fact]
    public void Load_HostSharesNameWithItsOwnGroup_Error()
    {
        using var repo = TestRepo.Valid().Write("inventory.yaml", "groups:\n  demo: {}\nhosts:\n  demo:\n    groups: [demo]\n")
            .Write("stacks/app/stack.yaml", "targets: [demo]\n");
        var diagnostics = new DiagnosticBag();
        Assert.Null(new DesiredStateLoader(FakeCompose.Load).Load(repo.Repo, "demo", diagnostics));
        var error = Assert.Single(diagnostics.Items, d => d.Severity == Severity.Error);
        Assert.Equal(new SourcePosition("inventory.yaml", 4, 3), error.Position);
        Assert.Contains("'demo' is both a host and a group", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_UnknownHost_ErrorAtInventory()
    {
        using var repo = TestRepo.Valid();
        var diagnostics = new DiagnosticBag();
        Assert.Null(new DesiredStateLoader(FakeCompose.Load).Load(repo.Repo, "nope", diagnostics));
        Assert.Equal("inventory.yaml:1:1: host 'nope' is not in inventory.yaml; add it under 'hosts:'", Assert.Single(diagnostics.Items).ToString());
    }
}
