using GitOps.Reconciler.Desired;
using GitOps.Reconciler.Diagnostics;

namespace GitOps.Reconciler.Tests.Desired;

/// <summary><c>runOn: {oneOf: G}</c>: read, checked against the inventory, the agent's fleet store and the other hosts of G.</summary>
public class FleetTaskValidationTests
{
    private const string Inventory = """
        groups:
          prod:
            hosts: [web-1, web-2]
          gpu:
            hosts: [web-2]
            vars:
              TAG: gpu
        hosts:
          web-1: {}
          web-2: {}
          web-3: {}
        vars:
          TAG: cpu
        """;

    private static TestRepo Repo(string task) =>
        new TestRepo().Write("inventory.yaml", Inventory).Write("tasks/backup.yaml", task);

    private static (DesiredState? State, DiagnosticBag Diagnostics) Load(TestRepo repo, string host, bool? fleetStore)
    {
        var diagnostics = new DiagnosticBag();
        var state = new DesiredStateLoader(FakeCompose.Load) { FleetStore = fleetStore }.Load(repo.Repo, host, diagnostics);
        return (state, diagnostics);
    }

    private static Diagnostic SingleError(DiagnosticBag diagnostics) => Assert.Single(diagnostics.Items, d => d.Severity == Severity.Error);

    [Fact]
    public void Load_RunOnGroupWithFleetStore_TaskCarriesItsGroupInUtc()
    {
        using var repo = Repo("targets: [prod]\nschedule: '@hourly'\nimage: busybox\nrunOn:\n  oneOf: prod\n");

        var (state, diagnostics) = Load(repo, "web-1", fleetStore: true);

        Assert.True(state is not null, string.Join("\n", diagnostics.Items));
        var task = state.Tasks["backup"];
        Assert.Equal("prod", task.RunOn);
        Assert.Equal("UTC", task.TimeZone);
    }

    [Fact]
    public void Load_RunOnFleet_EveryHostTargeted_Valid()
    {
        using var repo = Repo("targets: [web-1, web-2, web-3]\nschedule: '@daily'\nimage: busybox\nrunOn: {oneOf: fleet}\n");

        var (state, diagnostics) = Load(repo, "web-3", fleetStore: true);

        Assert.True(state is not null, string.Join("\n", diagnostics.Items));
        Assert.Equal(FleetTaskGroup.Fleet, state.Tasks["backup"].RunOn);
    }

    [Fact]
    public void Load_RunOnWithoutFleetStore_ErrorAtRunOn()
    {
        using var repo = Repo("targets: [prod]\nschedule: '@hourly'\nimage: busybox\nrunOn:\n  oneOf: prod\n");

        var (state, diagnostics) = Load(repo, "web-1", fleetStore: false);

        Assert.Null(state);
        var error = SingleError(diagnostics);
        Assert.Equal(("tasks/backup.yaml", 4, 1), (error.Position.File, error.Position.Line, error.Position.Column));
        Assert.Contains("needs a fleet store", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_RunOnFleetStoreUnknown_NotChecked()
    {
        using var repo = Repo("targets: [prod]\nschedule: '@hourly'\nimage: busybox\nrunOn:\n  oneOf: prod\n");

        var (state, diagnostics) = Load(repo, "web-1", fleetStore: null);

        Assert.True(state is not null, string.Join("\n", diagnostics.Items));
    }

    [Fact]
    public void Load_RunOnUnknownGroup_ErrorAtTheGroup()
    {
        using var repo = Repo("targets: [prod]\nschedule: '@hourly'\nimage: busybox\nrunOn:\n  oneOf: batch\n");

        var (state, diagnostics) = Load(repo, "web-1", fleetStore: true);

        Assert.Null(state);
        var error = SingleError(diagnostics);
        Assert.Equal((5, 10), (error.Position.Line, error.Position.Column));
        Assert.Contains("unknown group 'batch'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_RunOnUnknownKey_Error()
    {
        using var repo = Repo("targets: [prod]\nschedule: '@hourly'\nimage: busybox\nrunOn:\n  oneOf: prod\n  allOf: gpu\n");

        var (state, diagnostics) = Load(repo, "web-1", fleetStore: true);

        Assert.Null(state);
        Assert.Contains("allOf", SingleError(diagnostics).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_TargetsNotTheGroupsHosts_ErrorNamesTheDifference()
    {
        using var repo = Repo("targets: [web-1, web-3]\nschedule: '@hourly'\nimage: busybox\nrunOn:\n  oneOf: prod\n");

        var (state, diagnostics) = Load(repo, "web-1", fleetStore: true);

        Assert.Null(state);
        var error = SingleError(diagnostics);
        Assert.Equal(4, error.Position.Line);
        Assert.Contains("not targeted: web-2", error.Message, StringComparison.Ordinal);
        Assert.Contains("targeted but not in 'prod': web-3", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_HostVariableDiffersWithinGroup_Error()
    {
        using var repo = Repo("targets: [prod]\nschedule: '@hourly'\nimage: busybox:${TAG}\nrunOn:\n  oneOf: prod\n");

        var (state, diagnostics) = Load(repo, "web-1", fleetStore: true);

        Assert.Null(state);
        var error = SingleError(diagnostics);
        Assert.Contains("resolves differently on hosts 'web-1' and 'web-2'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_HostVariableSameWithinGroup_Valid()
    {
        using var repo = Repo("targets: [gpu]\nschedule: '@hourly'\nimage: busybox:${TAG}\nrunOn:\n  oneOf: gpu\n");

        var (state, diagnostics) = Load(repo, "web-2", fleetStore: true);

        Assert.True(state is not null, string.Join("\n", diagnostics.Items));
        Assert.Equal("busybox:gpu", state.Tasks["backup"].Image);
    }
}
