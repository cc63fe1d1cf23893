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
}
