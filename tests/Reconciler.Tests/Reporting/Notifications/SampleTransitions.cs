using GitOps.Reconciler.Common;
using GitOps.Reconciler.Reporting.Drift;
using GitOps.Reconciler.Reporting.Notifications;
using GitOps.Reconciler.Tests.Planning;
using GitOps.Reconciler.Tests.Reporting.Drift;

namespace GitOps.Reconciler.Tests.Reporting.Notifications;

/// <summary>Reports of a host over time, and transitions to send.</summary>
internal static class SampleTransitions
{
    public static DriftReport InSync() => SampleReports.InSync();

    /// <summary>demo/api stopped by hand after an in-sync report at the same commit.</summary>
    public static DriftReport ApiStopped() => SampleReports.Build(
        SampleReports.Demo(),
        Given.Deployed(SampleReports.Demo()).EditContainers("demo", "api", c => c with { Running = false, ExitCode = 137 }));

    public static DriftReport NewCommit(DriftReport report) =>
        report with { Revision = report.Revision! with { Commit = "9f8e7d6c5b4a39281706f5e4d3c2b1a098765432" } };

    public static DriftReport WithResource(DriftReport report, string service, Func<DriftResource, DriftResource> edit) => report with
    {
        Resources = ValueList.From(report.Resources.Select(r => r.Kind == DriftKind.Service && r.Name == service ? edit(r) : r)),
    };

    public static Transition Of(NotificationEvent kind, string? service = "web", string details = "details") =>
        new(kind, Given.Host, SampleReports.Revision, service is null ? null : "demo", service is null ? null : DriftKind.Service, service, details, SampleReports.Now);
}
