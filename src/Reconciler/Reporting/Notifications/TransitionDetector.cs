using GitOps.Reconciler.Reporting.Drift;

namespace GitOps.Reconciler.Reporting.Notifications;

/// <summary>
/// Compares the previous report with the new one and names what changed: a revision deployed, the host stalled
/// or failing, resources that failed or were rolled back, drift caused on the host appearing or going away.
/// A state that stays the same yields nothing. Drift that comes from git is a deploy in progress, not news;
/// suspended resources are left alone and not reported either. Pure.
/// </summary>
public static class TransitionDetector
{
    private static readonly ResourceStatus[] DriftStatuses = [ResourceStatus.Drifted, ResourceStatus.Missing, ResourceStatus.Extra];

    public static IReadOnlyList<Transition> Detect(DriftReport? previous, DriftReport current, ReconcileOutcome? outcome)
    {
        ArgumentNullException.ThrowIfNull(current);
        var found = new List<Transition>();
        Transition Host(NotificationEvent kind, string details) =>
            new(kind, current.Host, current.Revision, null, null, null, details, current.GeneratedAt);

        if (IsDeploy(previous, current, outcome))
        {
            found.Add(Host(NotificationEvent.Deployed, $"revision {Describe(current.Revision)} applied"));
        }
        if (current.Stalled is { } stall && (previous?.Stalled is null || previous.Stalled.Reason != stall.Reason || previous.Revision?.Commit != current.Revision?.Commit))
        {
            found.Add(Host(NotificationEvent.Stalled, string.Join("; ", stall.Diagnostics.Take(5).Select(d => d.ToString()).Prepend(stall.Reason))));
        }
        if (current.HistoryRewrite is { } rewrite && previous?.HistoryRewrite != rewrite)
        {
            found.Add(Host(NotificationEvent.HistoryRewritten, $"the ref moved from {rewrite.From} to {rewrite.To}, which does not descend from it"));
        }
        if (current.LastError is { } error && previous?.LastError is null)
        {
            found.Add(Host(NotificationEvent.Failed, error));
        }
        foreach (var resource in current.Resources.Where(r => r.Kind != DriftKind.Stack))
        {
            if (Of(resource, previous?.Find(resource.Kind, resource.Stack, resource.Name)) is { } kind)
            {
                found.Add(new(kind, current.Host, current.Revision, resource.Stack, resource.Kind, resource.Name, Details(kind, resource), current.GeneratedAt));
            }
        }
        foreach (var model in current.Models ?? Common.ValueList<DriftModel>.Empty)
        {
            var before = previous?.Models?.FirstOrDefault(m => m.Name == model.Name);
            NotificationEvent? kind = model.Status switch
            {
                ResourceStatus.Failed when before?.Status != ResourceStatus.Failed => NotificationEvent.Failed,
                ResourceStatus.RolledBack when before?.Status != ResourceStatus.RolledBack => NotificationEvent.RolledBack,
                _ => null,
            };
            if (kind is { } happened)
            {
                found.Add(new(happened, current.Host, current.Revision, null, DriftKind.Model, model.Name, model.LastError ?? ResourceStatusText.Word(model.Status), current.GeneratedAt));
            }
        }
        foreach (var gone in previous?.Resources.Where(r => r.Kind != DriftKind.Stack && IsHostDrift(r) && current.Find(r.Kind, r.Stack, r.Name) is null) ?? [])
        {
            found.Add(new(NotificationEvent.DriftResolved, current.Host, current.Revision, gone.Stack, gone.Kind, gone.Name, "no longer on the host", current.GeneratedAt));
        }
        found.AddRange(TaskTransitions.Detect(previous, current));
        return found;
    }

    /// <summary>Applied, not failed, and either a new commit or the first success after a failure or stall.</summary>
    private static bool IsDeploy(DriftReport? previous, DriftReport current, ReconcileOutcome? outcome) =>
        outcome == ReconcileOutcome.Applied
        && current.Revision is not null
        && current.Status is not (ReportStatus.Failed or ReportStatus.Stalled)
        && (previous is null
            || CommitBefore(previous) != current.Revision.Commit
            || WasFailing(previous));

    // A converging report already names the commit being applied: what ran before it is its last applied revision.
    private static string? CommitBefore(DriftReport previous) =>
        previous.Status == ReportStatus.Converging ? previous.LastAppliedRevision?.Commit : previous.Revision?.Commit;

    // A converging report carries the failure it retries (LastError) or the stall it leaves.
    private static bool WasFailing(DriftReport previous) =>
        previous.Status is ReportStatus.Failed or ReportStatus.Stalled
        || previous.Status == ReportStatus.Converging && (previous.LastError is not null || previous.Stalled is not null);

    private static NotificationEvent? Of(DriftResource current, DriftResource? before) => current.Status switch
    {
        ResourceStatus.Failed when before?.Status != ResourceStatus.Failed => NotificationEvent.Failed,
        ResourceStatus.RolledBack when before?.Status != ResourceStatus.RolledBack => NotificationEvent.RolledBack,
        ResourceStatus.CrashLooping when before?.Status != ResourceStatus.CrashLooping => NotificationEvent.CrashLooping,
        _ when IsHostDrift(current) && (before is null || !IsHostDrift(before)) => NotificationEvent.DriftDetected,
        ResourceStatus.InSync when before is not null && IsHostDrift(before) => NotificationEvent.DriftResolved,
        _ => null,
    };

    private static bool IsHostDrift(DriftResource resource) =>
        resource.Cause == DriftCause.Host && DriftStatuses.Contains(resource.Status);

    private static string Details(NotificationEvent kind, DriftResource resource)
    {
        if (kind is NotificationEvent.Failed or NotificationEvent.RolledBack or NotificationEvent.CrashLooping && resource.LastError is { } error)
        {
            return error;
        }
        if (kind == NotificationEvent.DriftResolved)
        {
            return "back in sync";
        }
        var fields = resource.Differences.Select(d => FieldValueText.Line(d.Field, d.Desired, d.Actual));
        var text = string.Join("; ", fields);
        return text.Length > 0 ? text : resource.Note ?? ResourceStatusText.Word(resource.Status);
    }

    internal static string Describe(DriftRevision? revision) =>
        revision is null ? "(none)" : $"{revision.Ref} @ {revision.Commit[..Math.Min(12, revision.Commit.Length)]}";
}
