using GitOps.Reconciler.Actual;
using GitOps.Reconciler.Stacks;

namespace GitOps.Reconciler.Tests.Actual;

public class DockerProbeTests
{
    [Theory]
    [InlineData("Up 3 seconds (healthy)", ContainerHealth.Healthy)]
    [InlineData("Up 3 seconds (unhealthy)", ContainerHealth.Unhealthy)]
    [InlineData("Up 1 second (health: starting)", ContainerHealth.Starting)]
    [InlineData("Exited (0) 2 minutes ago", ContainerHealth.None)]
    public void Health_ListStatus_Parsed(string status, ContainerHealth expected)
    {
        Assert.Equal(expected, DockerProbe.Health(status));
    }

    [Theory]
    [InlineData("redis", "redis:latest")]
    [InlineData("127.0.0.1:5000/demo/web", "127.0.0.1:5000/demo/web:latest")]
    [InlineData("127.0.0.1:5000/demo/web:v1", "127.0.0.1:5000/demo/web:v1")]
    [InlineData("demo/web@sha256:abc", "demo/web@sha256:abc")]
    public void NormaliseTag_Reference_AsTheEngineListsIt(string reference, string expected)
    {
        Assert.Equal(expected, DockerProbe.NormaliseTag(reference));
    }

    [Theory]
    [InlineData("Exited (0) 2 minutes ago", 0)]
    [InlineData("Exited (137) 1 second ago", 137)]
    [InlineData("Created", null)]
    [InlineData("Up 3 seconds", null)]
    public void ExitCode_ListStatus_Parsed(string status, int? expected)
    {
        Assert.Equal(expected, DockerProbe.ExitCode(status));
    }

    [Theory]
    [InlineData("Up Less than a second", 0)]
    [InlineData("Up 1 second", 1)]
    [InlineData("Up 12 seconds (healthy)", 12)]
    [InlineData("Up About a minute", null)]
    [InlineData("Up 3 hours", null)]
    [InlineData("Restarting (3) 2 seconds ago", null)]
    public void Uptime_ListStatus_OnlyUnderAMinute(string status, int? seconds)
    {
        Assert.Equal(seconds is { } s ? TimeSpan.FromSeconds(s) : null, DockerProbe.Uptime(status));
    }

    [Theory]
    [InlineData("restarting", "Restarting (3) 2 seconds ago", 0, true)]
    [InlineData("running", "Up 4 seconds", 600, true)]
    [InlineData("running", "Up 4 seconds", 5, false)]
    [InlineData("running", "Up 2 hours", 7200, false)]
    [InlineData("exited", "Exited (3) 1 second ago", 600, false)]
    public void RestartSuspect_ListEntry_InspectedOnlyWhenItMayBeLooping(string state, string status, int createdSecondsAgo, bool expected)
    {
        var now = new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);
        var container = new Docker.DotNet.Models.ContainerListResponse
        {
            State = state,
            Status = status,
            Created = now.UtcDateTime - TimeSpan.FromSeconds(createdSecondsAgo),
        };

        Assert.Equal(expected, DockerProbe.RestartSuspect(container, now));
    }
}
