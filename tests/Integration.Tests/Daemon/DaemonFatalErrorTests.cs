using GitOps.Daemon.Hosting;
using GitOps.Reconciler.Engine;
using Microsoft.Extensions.DependencyInjection;
using NSubstitute;
using Xunit.Abstractions;

namespace GitOps.Integration.Tests.Daemon;

/// <summary>The <c>run</c> host in-process whose pass dies with an exception the loop does not handle.</summary>
[Collection(ExclusiveEngineCollection.Name)]
public sealed class DaemonFatalErrorTests(EngineFixture fixture, ITestOutputHelper output) : DaemonTest(fixture, output)
{
    [Fact]
    public async Task RunHost_PassRunsOutOfMemory_ProcessEndsWithNonZeroExit()
    {
        CommitWeb("v1");
        var engine = Substitute.For<IDockerEngine>();
        engine.Containers.ListAsync(default!, default).ReturnsForAnyArgs<Task<IReadOnlyList<Docker.DotNet.Models.ContainerListResponse>>>(
            _ => throw new OutOfMemoryException("simulated"));
        using var host = BuildHost(Config(), services => services.AddSingleton(engine));
        using var error = new StringWriter();

        // Before: the job died inside Quartz and the host ran on without a loop, so this wait hit the test timeout.
        var exitCode = await AgentFailure.RunAsync(host, error, Token);

        Assert.Equal(AgentFailure.ExitCode, exitCode);
        Assert.Contains("OutOfMemoryException", error.ToString(), StringComparison.Ordinal);
        Assert.False(Token.IsCancellationRequested, "the host ran until the test's timeout instead of stopping itself");
    }
}
