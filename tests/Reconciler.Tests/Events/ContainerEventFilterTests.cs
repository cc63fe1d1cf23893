using GitOps.Reconciler.Actual.Events;
using GitOps.Reconciler.Engine;

namespace GitOps.Reconciler.Tests.Events;

public class ContainerEventFilterTests
{
    private static DockerEvent Event(string action, string type = "container", bool owned = true, string project = "demo", params (string Key, string Value)[] more)
    {
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["name"] = project + "-web-1",
            ["image"] = "127.0.0.1:5000/demo/web:v1",
            ["com.docker.compose.project"] = project,
            ["com.docker.compose.service"] = "web",
        };
        if (owned)
        {
            attributes["io.gitops-agent.managed"] = "true";
        }
        foreach (var (key, value) in more)
        {
            attributes[key] = value;
        }
        return new DockerEvent(type, action, "0123456789ab", attributes);
    }

    [Theory]
    [InlineData("die", ContainerEventKind.Die)]
    [InlineData("stop", ContainerEventKind.Stop)]
    [InlineData("kill", ContainerEventKind.Kill)]
    [InlineData("destroy", ContainerEventKind.Destroy)]
    [InlineData("oom", ContainerEventKind.Oom)]
    [InlineData("health_status: unhealthy", ContainerEventKind.HealthStatus)]
    [InlineData("health_status", ContainerEventKind.HealthStatus)]
    [InlineData("rename", ContainerEventKind.Rename)]
    [InlineData("start", ContainerEventKind.Start)]
    [InlineData("create", ContainerEventKind.Create)]
    public void Match_ManagedContainerAction_StackToReprobe(string action, ContainerEventKind kind)
    {
        var match = ContainerEventFilter.Match(Event(action));

        Assert.Equal(new ContainerEventMatch("demo", "web", "demo-web-1", kind, match?.Detail) { ContainerId = "0123456789ab" }, match);
    }

    [Fact]
    public void Match_OwnContainerOfThisOwner_Matched()
    {
        var match = ContainerEventFilter.Match(Event("die", more: ("io.gitops-agent.owner", "host-1")), owner: "host-1");

        Assert.Equal("demo", match?.Stack);
    }

    [Theory]
    [InlineData("host-2")]
    [InlineData(null)]
    public void Match_ContainerOfAnotherOwner_IgnoredEvenInAKnownStack(string? otherOwner)
    {
        var dockerEvent = otherOwner is null ? Event("die") : Event("die", more: ("io.gitops-agent.owner", otherOwner));

        Assert.Null(ContainerEventFilter.Match(dockerEvent, new HashSet<string>(StringComparer.Ordinal) { "demo" }, owner: "host-1"));
    }

    [Theory]
    [InlineData("connect", ContainerEventKind.NetworkConnect)]
    [InlineData("disconnect", ContainerEventKind.NetworkDisconnect)]
    public void Match_NetworkEventOfAKnownStack_NamesTheContainer(string action, ContainerEventKind kind)
    {
        var dockerEvent = new DockerEvent("network", action, "net-id", new Dictionary<string, string>
        {
            ["name"] = "demo_default", ["container"] = "c0ffee", ["type"] = "bridge",
        });

        var match = ContainerEventFilter.Match(dockerEvent, new HashSet<string>(StringComparer.Ordinal) { "demo", "other" }, owner: "host-1");

        Assert.Equal(new ContainerEventMatch("demo", null, "c0ffee", kind, "demo_default") { ContainerId = "c0ffee" }, match);
        Assert.True(match!.ChangesSpec);
    }

    [Fact]
    public void Match_NetworkEventOfAContainerNotOurs_Ignored()
    {
        var dockerEvent = new DockerEvent("network", "disconnect", "net-id", new Dictionary<string, string> { ["name"] = "demo_default", ["container"] = "c0ffee" });

        Assert.Null(ContainerEventFilter.Match(dockerEvent, new HashSet<string>(StringComparer.Ordinal) { "demo" }, "host-1", id => id != "c0ffee"));
    }

    [Theory]
    [InlineData("someone_default", "connect")]
    [InlineData("demo_default", "create")]
    [InlineData("demo_default", "destroy")]
    public void Match_NetworkEventOfAnotherStackOrAction_Ignored(string network, string action)
    {
        var dockerEvent = new DockerEvent("network", action, "net-id", new Dictionary<string, string> { ["name"] = network, ["container"] = "c0ffee" });

        Assert.Null(ContainerEventFilter.Match(dockerEvent, new HashSet<string>(StringComparer.Ordinal) { "demo" }));
    }

    [Theory]
    [InlineData("exec_start: sh -c true")]
    [InlineData("exec_die")]
    [InlineData("attach")]
    [InlineData("top")]
    [InlineData("")]
    public void Match_IrrelevantAction_Ignored(string action)
    {
        Assert.Null(ContainerEventFilter.Match(Event(action)));
    }

    [Theory]
    [InlineData("image")]
    [InlineData("volume")]
    public void Match_NotAContainer_Ignored(string type)
    {
        Assert.Null(ContainerEventFilter.Match(Event("destroy", type)));
    }

    [Fact]
    public void Match_UnmanagedProject_Ignored()
    {
        Assert.Null(ContainerEventFilter.Match(Event("die", owned: false, project: "someone-else")));
    }

    [Fact]
    public void Match_ProjectOfKnownStackWithoutOwnershipLabel_Matched()
    {
        var match = ContainerEventFilter.Match(Event("die", owned: false), new HashSet<string>(StringComparer.Ordinal) { "demo" });

        Assert.Equal("demo", match?.Stack);
    }

    [Fact]
    public void Match_OwnershipLabelFalse_Ignored()
    {
        Assert.Null(ContainerEventFilter.Match(Event("die", owned: false, more: ("io.gitops-agent.managed", "false"))));
    }

    [Fact]
    public void Match_NoProjectLabel_Ignored()
    {
        var plain = new DockerEvent("container", "die", "id", new Dictionary<string, string> { ["io.gitops-agent.managed"] = "true", ["name"] = "x" });

        Assert.Null(ContainerEventFilter.Match(plain));
    }

    [Theory]
    [InlineData("health_status: unhealthy", "unhealthy")]
    [InlineData("health_status: healthy", "healthy")]
    [InlineData("die", "137")]
    [InlineData("kill", "SIGKILL")]
    [InlineData("rename", "/demo-web-old")]
    [InlineData("stop", null)]
    public void Match_Detail_FromActionOrAttributes(string action, string? detail)
    {
        var dockerEvent = Event(action, more: [("exitCode", "137"), ("signal", "SIGKILL"), ("oldName", "/demo-web-old")]);

        Assert.Equal(detail, ContainerEventFilter.Match(dockerEvent)?.Detail);
    }

    [Fact]
    public void From_EngineMessage_TypeActionAndAttributes()
    {
        var message = new Docker.DotNet.Models.Message
        {
            Type = "container",
            Action = "die",
            Actor = new Docker.DotNet.Models.Actor { ID = "abc", Attributes = new Dictionary<string, string> { ["com.docker.compose.project"] = "demo", ["io.gitops-agent.managed"] = "true" } },
        };

        var match = ContainerEventFilter.Match(DockerEvent.From(message));

        Assert.Equal(("demo", null, "abc"), (match?.Stack, match?.Service, match?.Container));
    }
}
