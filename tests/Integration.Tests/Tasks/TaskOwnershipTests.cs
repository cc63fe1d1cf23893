using GitOps.Reconciler.Common;
using GitOps.Reconciler.Desired;
using GitOps.Reconciler.Engine;
using GitOps.Reconciler.Tasks;
using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace GitOps.Integration.Tests.Tasks;

/// <summary>Task runs touch only their owner's containers: an exec never enters another agent's service container.</summary>
public sealed class TaskOwnershipTests(EngineFixture fixture, ITestOutputHelper output) : TaskTest(fixture, output)
{
    private DockerTaskContainers ContainersOf(string owner) =>
        new(Fixture.Engine, Fixture.Raw, owner, TimeProvider.System, Loggers.CreateLogger<DockerTaskContainers>());

    [Fact]
    public async Task Exec_ServiceContainerOfAnotherOwner_FailsWithoutEnteringIt()
    {
        await DeployAsync(Stack(StackPlans.Web("v1")));
        var touch = Spec(TaskName("touch"), At(DateTimeOffset.UtcNow.AddHours(1)), "touch /tmp/touched-by-task") with
        {
            Image = "",
            Exec = new TaskExecTarget(Project, "web"),
        };

        var foreign = await ContainersOf("another-host-" + Project).RunAsync(touch, "t1", Token);

        Assert.Equal(TaskOutcome.Failed, foreign.Outcome);
        Assert.Contains("no running container of service 'web'", foreign.Message, StringComparison.Ordinal);
        // The owner's own exec finds no trace of the foreign one.
        var check = touch with { Command = ValueList.Of("sh", "-c", "test ! -e /tmp/touched-by-task") };
        var own = await ContainersOf(EngineLabels.DefaultOwner).RunAsync(check, "t2", Token);
        Assert.Equal(TaskOutcome.Succeeded, own.Outcome);
        Assert.Equal(0, own.ExitCode);
    }
}
