using GitOps.Reconciler.Actual;
using GitOps.Reconciler.Common;
using GitOps.Reconciler.Desired;
using GitOps.Reconciler.Planning;
using GitOps.Reconciler.Reporting.Drift;
using GitOps.Reconciler.Stacks;
using GitOps.Reconciler.Tests.Planning;
using Tasks_ = GitOps.Reconciler.Tasks;

namespace GitOps.Reconciler.Tests.Reporting.Drift;

/// <summary>Drift reports built by the planner and the builder from small desired and actual states.</summary>
internal static class SampleReports
{
    public static readonly DateTimeOffset Now = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);
    public static readonly DriftRevision Revision = new("refs/heads/main", "1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b", Verified: true);

    public static DriftReport Build(DesiredState desired, ActualState actual, Func<DriftReportInput, DriftReportInput>? edit = null, PlanningContext? context = null)
    {
        var input = new DriftReportInput(Planner.Plan(desired, actual, context ?? PlanningContext.Empty), Revision, Now);
        return DriftReportBuilder.Build(edit is null ? input : edit(input));
    }

    public static DesiredState Demo(string webImage = Given.WebV1) =>
        Given.Desired(Given.Stack("demo", Given.Service("web", webImage).WithEnv("DB_PASSWORD", "hunter2"), Given.Service("api")));

    /// <summary>demo/web changed in git (new tag), demo/api stopped by hand, paused suspended with a new service.</summary>
    public static DriftReport Mixed()
    {
        var deployed = Given.Deployed(Demo()).EditContainers("demo", "api", c => c with { Running = false, ExitCode = 137 });
        var desired = Demo(Given.WebV2);
        desired = desired with { Stacks = desired.Stacks.With("paused", Given.Stack("paused", Given.Service("web")).Suspended()) };
        return Build(desired, deployed);
    }

    public static DriftReport InSync()
    {
        var desired = Demo();
        return Build(desired, Given.Deployed(desired));
    }

    /// <summary>A tasks section with one task of each interesting status.</summary>
    public static ValueList<DriftTask> Tasks() => ValueList.Of(
        new DriftTask("backup", DriftTaskStatus.Failed, "0 * * * *", "UTC", Now.AddMinutes(30),
            new DriftTaskRun(7, Tasks_.TaskOutcome.TimedOut, Now.AddMinutes(-30), 600, null, "stopped after its timeout of 00:10:00"),
            ValueList<DriftDifference>.Empty, null),
        new DriftTask("cleanup", DriftTaskStatus.Drifted, "0 3 * * *", "Europe/Berlin", Now.AddHours(5), null,
            ValueList.Of(new DriftDifference("schedule", "0 3 * * *", "30 3 * * *")), null),
        new DriftTask("report", DriftTaskStatus.Suspended, "@daily", "UTC", null,
            new DriftTaskRun(3, Tasks_.TaskOutcome.Succeeded, Now.AddDays(-1), 1.5, 0, null), ValueList<DriftDifference>.Empty, "git"));

    public static DriftReport WithStall() => InSync() with
    {
        Status = ReportStatus.Stalled,
        LastError = "ValidationFailed: 1 error",
        Stalled = new DriftStall("ValidationFailed", ValueList.Of(new DriftDiagnostic("stacks/demo/compose.yaml", 4, 12, "unknown key 'imgae'"))),
    };
}
