using GitOps.Reconciler.Common;
using GitOps.Reconciler.Reporting;
using GitOps.Reconciler.Reporting.Drift;
using GitOps.Reconciler.Reporting.Notifications;
using GitOps.Reconciler.Tests.Planning;
using GitOps.Reconciler.Tests.Reporting.Drift;

namespace GitOps.Reconciler.Tests.Reporting.Notifications;

public class TransitionDetectorTests
{
    private static IEnumerable<string> Names(IEnumerable<Transition> transitions) =>
        transitions.Select(t => t.Name is null ? t.Event.ToString() : $"{t.Event} {t.Stack}/{t.Name}");

    [Fact]
    public void Detect_SameStateTwice_Nothing()
    {
        Assert.Empty(TransitionDetector.Detect(SampleReports.Mixed(), SampleReports.Mixed(), ReconcileOutcome.NoChanges));
        Assert.Empty(TransitionDetector.Detect(SampleTransitions.InSync(), SampleTransitions.InSync(), ReconcileOutcome.NoChanges));
    }

    [Fact]
    public void Detect_ServiceStartsCrashLooping_OneCrashLoopingThenNothingWhileItLoops()
    {
        var desired = SampleReports.Demo();
        var loop = new GitOps.Reconciler.Actual.CrashLoop(3, 3, ValueList<string>.Empty);
        var calm = SampleReports.Build(desired, Given.Deployed(desired));
        var looping = SampleReports.Build(desired, Given.Deployed(desired).EditContainers("demo", "web", c => c with { CrashLoop = loop }));
        var stillLooping = SampleReports.Build(desired, Given.Deployed(desired).EditContainers("demo", "web", c => c with { CrashLoop = loop with { Crashes = 5 } }));

        var first = TransitionDetector.Detect(calm, looping, ReconcileOutcome.NoChanges);
        var again = TransitionDetector.Detect(looping, stillLooping, ReconcileOutcome.NoChanges);

        var transition = Assert.Single(first, t => t.Event == NotificationEvent.CrashLooping);
        Assert.Equal(("demo", "web"), (transition.Stack, transition.Name));
        Assert.Contains("last exit code 3", transition.Details, StringComparison.Ordinal);
        Assert.DoesNotContain(again, t => t.Event == NotificationEvent.CrashLooping);
    }

    [Fact]
    public void Detect_HistoryRewriteAppears_NotifiedOnce()
    {
        var rewrite = new DriftHistoryRewrite(new string('a', 40), new string('b', 40), DateTimeOffset.UnixEpoch);
        var rewritten = SampleTransitions.InSync() with { HistoryRewrite = rewrite };

        var first = TransitionDetector.Detect(SampleTransitions.InSync(), rewritten, ReconcileOutcome.NoChanges);
        var again = TransitionDetector.Detect(rewritten, rewritten, ReconcileOutcome.NoChanges);

        var transition = Assert.Single(first);
        Assert.Equal(NotificationEvent.HistoryRewritten, transition.Event);
        Assert.Contains(rewrite.From, transition.Details, StringComparison.Ordinal);
        Assert.Contains(rewrite.To, transition.Details, StringComparison.Ordinal);
        Assert.Empty(again);
    }

    [Fact]
    public void Detect_FirstRevisionApplied_Deployed()
    {
        var transition = Assert.Single(TransitionDetector.Detect(null, SampleTransitions.InSync(), ReconcileOutcome.Applied));

        Assert.Equal(NotificationEvent.Deployed, transition.Event);
        Assert.Equal("revision refs/heads/main @ 1a2b3c4d5e6f applied", transition.Details);
        Assert.Null(transition.Stack);
    }

    [Fact]
    public void Detect_NewCommitApplied_Deployed()
    {
        var current = SampleTransitions.NewCommit(SampleTransitions.InSync());

        Assert.Equal(["Deployed"], Names(TransitionDetector.Detect(SampleTransitions.InSync(), current, ReconcileOutcome.Applied)));
    }

    [Fact]
    public void Detect_NewCommitAppliedAfterItsConvergingReport_Deployed()
    {
        var before = SampleTransitions.InSync();
        var current = SampleTransitions.NewCommit(before);
        var converging = current with { Status = ReportStatus.Converging, LastAppliedRevision = new DriftCommit(before.Revision!.Commit, null, null) };

        Assert.Equal(["Deployed"], Names(TransitionDetector.Detect(converging, current, ReconcileOutcome.Applied)));
    }

    [Fact]
    public void Detect_SameCommitHealedAfterItsConvergingReport_NoDeployed()
    {
        var current = SampleTransitions.InSync();
        var converging = current with { Status = ReportStatus.Converging, LastAppliedRevision = new DriftCommit(current.Revision!.Commit, null, null) };

        Assert.DoesNotContain(TransitionDetector.Detect(converging, current, ReconcileOutcome.Applied), t => t.Event == NotificationEvent.Deployed);
    }

    [Fact]
    public void Detect_RetryAfterFailureAppliedAfterItsConvergingReport_Deployed()
    {
        var current = SampleTransitions.InSync();
        var converging = current with { Status = ReportStatus.Converging, LastError = "pull failed", LastAppliedRevision = new DriftCommit(current.Revision!.Commit, null, null) };

        Assert.Contains(TransitionDetector.Detect(converging, current, ReconcileOutcome.Applied), t => t.Event == NotificationEvent.Deployed);
    }

    [Fact]
    public void Detect_NewCommitSeenButNotApplied_NoDeployed()
    {
        var current = SampleTransitions.NewCommit(SampleTransitions.InSync());

        Assert.Empty(TransitionDetector.Detect(SampleTransitions.InSync(), current, ReconcileOutcome.NoChanges));
    }

    [Fact]
    public void Detect_ContainerStoppedByHand_OneDriftDetected()
    {
        var transition = Assert.Single(TransitionDetector.Detect(SampleTransitions.InSync(), SampleTransitions.ApiStopped(), null));

        Assert.Equal((NotificationEvent.DriftDetected, "demo", DriftKind.Service, "api"), (transition.Event, transition.Stack, transition.Kind, transition.Name));
        Assert.Equal("state: want running, have exited (137)", transition.Details);
    }

    [Fact]
    public void Detect_HandDriftStays_Nothing()
    {
        Assert.Empty(TransitionDetector.Detect(SampleTransitions.ApiStopped(), SampleTransitions.ApiStopped(), ReconcileOutcome.Failed));
    }

    [Fact]
    public void Detect_HandDriftCorrectedAtSameCommit_DriftResolvedOnly()
    {
        Assert.Equal(["DriftResolved demo/api"], Names(TransitionDetector.Detect(SampleTransitions.ApiStopped(), SampleTransitions.InSync(), ReconcileOutcome.Applied)));
    }

    [Fact]
    public void Detect_HandDriftedResourceGone_DriftResolved()
    {
        var previous = SampleTransitions.WithResource(SampleTransitions.InSync(), "api", r => r with { Status = ResourceStatus.Extra, Cause = DriftCause.Host });
        var current = previous with { Resources = ValueList.From(previous.Resources.Where(r => r.Name != "api")) };

        Assert.Equal(["DriftResolved demo/api"], Names(TransitionDetector.Detect(previous, current, ReconcileOutcome.Applied)));
    }

    [Fact]
    public void Detect_DriftFromGit_NotReportedAsDrift()
    {
        var newTag = SampleReports.Build(SampleReports.Demo(Given.WebV2), Given.Deployed(SampleReports.Demo()));

        Assert.Empty(TransitionDetector.Detect(SampleTransitions.InSync(), newTag, null));
    }

    [Fact]
    public void Detect_ServiceFailed_FailedOnceWithError()
    {
        var failed = SampleTransitions.WithResource(SampleTransitions.InSync(), "web", r => r with { Status = ResourceStatus.Failed, LastError = "pull failed: not found" }) with { Status = ReportStatus.Failed };

        var first = TransitionDetector.Detect(SampleTransitions.InSync(), failed, ReconcileOutcome.Failed);
        var again = TransitionDetector.Detect(failed, failed, ReconcileOutcome.Failed);

        Assert.Equal(["Failed demo/web"], Names(first));
        Assert.Equal("pull failed: not found", first[0].Details);
        Assert.Empty(again);
    }

    [Fact]
    public void Detect_ServiceRolledBack_RolledBackNotDeployed()
    {
        var rolledBack = SampleTransitions.NewCommit(SampleTransitions.WithResource(SampleTransitions.InSync(), "web", r => r with { Status = ResourceStatus.RolledBack, LastError = "not healthy within 30s" }) with { Status = ReportStatus.Failed });

        Assert.Equal(["RolledBack demo/web"], Names(TransitionDetector.Detect(SampleTransitions.InSync(), rolledBack, ReconcileOutcome.Applied)));
    }

    [Fact]
    public void Detect_RecoveredAfterFailureAtSameCommit_Deployed()
    {
        var failed = SampleTransitions.InSync() with { Status = ReportStatus.Failed, LastError = "apply failed" };

        Assert.Equal(["Deployed"], Names(TransitionDetector.Detect(failed, SampleTransitions.InSync(), ReconcileOutcome.Applied)));
    }

    [Fact]
    public void Detect_Stalled_StalledOnceWithDiagnostics()
    {
        var stalled = SampleReports.WithStall() with { LastError = null };

        var first = Assert.Single(TransitionDetector.Detect(SampleTransitions.InSync(), stalled, ReconcileOutcome.Stalled));
        var again = TransitionDetector.Detect(stalled, stalled, ReconcileOutcome.Stalled);

        Assert.Equal(NotificationEvent.Stalled, first.Event);
        Assert.Equal("ValidationFailed; stacks/demo/compose.yaml:4:12: unknown key 'imgae'", first.Details);
        Assert.Empty(again);
    }

    [Fact]
    public void Detect_ReconcileError_FailedOnce()
    {
        var failing = SampleTransitions.InSync() with { Status = ReportStatus.Failed, LastError = "FetchFailed: connection refused" };

        Assert.Equal(["Failed"], Names(TransitionDetector.Detect(SampleTransitions.InSync(), failing, ReconcileOutcome.Failed)));
        Assert.Empty(TransitionDetector.Detect(failing, failing with { LastError = "FetchFailed: timed out" }, ReconcileOutcome.Failed));
    }

    [Fact]
    public void Detect_SuspendedResourceDiffers_Nothing()
    {
        var suspended = SampleTransitions.WithResource(SampleTransitions.ApiStopped(), "api", r => r with { Status = ResourceStatus.Suspended });

        Assert.Empty(TransitionDetector.Detect(SampleTransitions.InSync(), suspended, null));
    }
}
