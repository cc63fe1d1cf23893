using GitOps.Reconciler.Actual;
using GitOps.Reconciler.Common;
using GitOps.Reconciler.Desired;
using GitOps.Reconciler.Planning;
using GitOps.Reconciler.Reporting.Drift;
using GitOps.Reconciler.Stacks;
using GitOps.Reconciler.Tests.Planning;

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

    public static DriftReport WithStall() => InSync() with
    {
        Status = ReportStatus.Stalled,
        LastError = "ValidationFailed: 1 error",
        Stalled = new DriftStall("ValidationFailed", ValueList.Of(new DriftDiagnostic("stacks/demo/compose.yaml", 4, 12, "unknown key 'imgae'"))),
    };
}
