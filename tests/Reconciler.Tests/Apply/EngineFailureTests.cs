using System.Net;
using Docker.DotNet;
using GitOps.Reconciler.Apply;
using GitOps.Reconciler.Common;
using GitOps.Reconciler.Compose;
using GitOps.Reconciler.Stacks;

namespace GitOps.Reconciler.Tests.Apply;

public class EngineFailureTests
{
    private static readonly ServiceSpec Gpu = new()
    {
        Name = "infer",
        Image = "x",
        DeviceRequests = ValueList.Of(new DeviceRequestSpec("", -1, ValueList<string>.Empty, ValueList.Of("gpu"), ValueMap<string>.Empty)),
    };

    [Fact]
    public void Describe_NoDeviceDriverForGpu_SaysWhatTheHostLacks()
    {
        var error = new DockerApiException(HttpStatusCode.InternalServerError, "{\"message\":\"could not select device driver \\\"\\\" with capabilities: [[gpu]]\"}");

        var message = EngineFailure.Describe(Gpu, error);

        Assert.StartsWith("no device driver on this engine provides [gpu] for the device requests of 'infer'", message, StringComparison.Ordinal);
        Assert.Contains("NVIDIA Container Toolkit", message, StringComparison.Ordinal);
        Assert.Contains("could not select device driver", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Describe_UnknownRuntime_NamesTheRuntime()
    {
        var error = new DockerApiException(HttpStatusCode.BadRequest, "{\"message\":\"Unknown runtime specified nvidia\"}");

        Assert.StartsWith("the engine has no runtime 'nvidia'", EngineFailure.Describe(Gpu with { Runtime = "nvidia" }, error), StringComparison.Ordinal);
    }

    [Fact]
    public void IsDeviceOrRuntime_OnlyTheDeviceDriverOrRuntimeErrorOfASpecThatAsks()
    {
        var driver = new DockerApiException(HttpStatusCode.InternalServerError, "{\"message\":\"could not select device driver \\\"\\\" with capabilities: [[gpu]]\"}");
        var runtime = new DockerApiException(HttpStatusCode.BadRequest, "{\"message\":\"Unknown runtime specified nvidia\"}");
        var entrypoint = new DockerApiException(HttpStatusCode.BadRequest,
            "{\"message\":\"failed to create task for container: exec: \\\"/.gitops-agent-preflight-never-exists\\\": stat: no such file or directory: unknown\"}");

        Assert.True(EngineFailure.IsDeviceOrRuntime(Gpu, driver));
        Assert.True(EngineFailure.IsDeviceOrRuntime(Gpu with { Runtime = "nvidia" }, runtime));
        Assert.False(EngineFailure.IsDeviceOrRuntime(Gpu, runtime));
        Assert.False(EngineFailure.IsDeviceOrRuntime(Gpu with { DeviceRequests = null }, driver));
        Assert.False(EngineFailure.IsDeviceOrRuntime(Gpu with { Runtime = "nvidia" }, entrypoint));
    }

    [Fact]
    public void Describe_OtherError_EngineMessage()
    {
        var error = new DockerApiException(HttpStatusCode.InternalServerError, "{\"message\":\"boom\"}");

        Assert.Equal(error.Message, EngineFailure.Describe(Gpu, error));
    }
}
