using GitOps.Reconciler.Common;
using GitOps.Reconciler.Reporting.Drift;
using GitOps.Reconciler.Reporting.Notifications;
using GitOps.Reconciler.Tasks;
using GitOps.Reconciler.Tests.Reporting.Drift;

namespace GitOps.Reconciler.Tests.Reporting.Notifications;

public sealed class TaskTransitionsTests
{
    private static DriftReport With(params (long Id, TaskOutcome Outcome)[] runs) => SampleReports.InSync() with
    {
        Tasks = ValueList.From(runs.Select(r => new DriftTask(
            "backup", r.Outcome == TaskOutcome.Succeeded ? DriftTaskStatus.InSync : DriftTaskStatus.Failed, "0 * * * *", "UTC", null,
            new DriftTaskRun(r.Id, r.Outcome, SampleReports.Now, 1, r.Outcome == TaskOutcome.Succeeded ? 0 : 1, "exited with 1"),
            ValueList<DriftDifference>.Empty, null))),
    };

    [Fact]
    public void Detect_SucceededThenFailed_OneFailedTransitionForTheTask()
    {
        var transition = Assert.Single(TaskTransitions.Detect(With((1, TaskOutcome.Succeeded)), With((2, TaskOutcome.Failed))));

        Assert.Equal(NotificationEvent.Failed, transition.Event);
        Assert.Equal(DriftKind.Task, transition.Kind);
        Assert.Equal("backup", transition.Name);
        Assert.Contains("exited with 1", transition.Details, StringComparison.Ordinal);
    }

    [Fact]
    public void Detect_FailedThenSucceeded_Recovered()
    {
        var transition = Assert.Single(TaskTransitions.Detect(With((1, TaskOutcome.TimedOut)), With((2, TaskOutcome.Succeeded))));

        Assert.Equal(NotificationEvent.Recovered, transition.Event);
    }

    [Theory]
    [InlineData(TaskOutcome.Succeeded, TaskOutcome.Succeeded)]
    [InlineData(TaskOutcome.Failed, TaskOutcome.Failed)]
    [InlineData(TaskOutcome.Failed, TaskOutcome.TimedOut)]
    public void Detect_SameSideAgain_Nothing(TaskOutcome before, TaskOutcome after)
    {
        Assert.Empty(TaskTransitions.Detect(With((1, before)), With((2, after))));
    }

    [Fact]
    public void Detect_SameRunRepublished_Nothing()
    {
        Assert.Empty(TaskTransitions.Detect(With((2, TaskOutcome.Failed)), With((2, TaskOutcome.Failed))));
    }

    [Fact]
    public void Detect_ThroughTheDetector_TaskFailureIsAmongTheHostsTransitions()
    {
        var transitions = TransitionDetector.Detect(With((1, TaskOutcome.Succeeded)), With((2, TaskOutcome.Failed)), outcome: null);

        Assert.Contains(transitions, t => t.Event == NotificationEvent.Failed && t.Kind == DriftKind.Task);
    }
}
