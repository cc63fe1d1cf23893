using GitOps.Reconciler.Apply;
using GitOps.Reconciler.Common;
using GitOps.Reconciler.Diagnostics;
using GitOps.Reconciler.Planning;
using GitOps.Reconciler.Reporting;
using GitOps.Reconciler.Reporting.Drift;
using GitOps.Reconciler.Reporting.Metrics;

namespace GitOps.Reconciler.Reconciliation;

/// <summary>
/// The Report stage of a daemon pass: builds the drift report from the pass's plan (or, without one, carries
/// the previous report forward with the new error) and publishes it (saved for <c>drift</c> and <c>/status</c>, metrics,
/// notifications of transitions), and feeds the reconcile metrics.
/// </summary>
public sealed class ReconcileCycleReporter(DriftReportPublisher publisher, string refName, TimeProvider time, AgentMetrics? metrics = null) : IPassReporter
{
    public DriftReport? Latest => publisher.Store.Latest;

    /// <summary>The models kind's metrics, where both metrics and the models kind are registered: fed each pass's model outcomes.</summary>
    public ModelMetrics? ModelMetrics { get; init; }

    /// <summary>Why the last report could not be saved; null when it was.</summary>
    public string? SaveFailure => publisher.Store.SaveFailure;

    public void GitRequest(string kind) => metrics?.GitRequest(kind);

    /// <summary>Whether the latest report says <paramref name="commit"/> was verified (restores the flag after a restart).</summary>
    public bool WasVerified(string commit) => publisher.Store.Latest?.Revision is { } revision && revision.Commit == commit && revision.Verified;

    public void Report(CyclePass pass, DriftStall? stall, GoodRevision? lastGood, TimeSpan duration, ReportRevisions? revisions = null)
    {
        ArgumentNullException.ThrowIfNull(pass);
        var now = time.GetUtcNow();
        var report = Build(pass, stall, lastGood, now);
        if (report is not null)
        {
            report = (revisions ?? ReportRevisions.None).ApplyTo(report) with { Step = null, Rollout = pass.Rollout };
        }
        var outcome = OutcomeOf(pass.Result.Status);
        if (report is not null)
        {
            publisher.Publish(_ => report, outcome);
        }
        metrics?.ObserveReconcile(duration, outcome);
        if (pass.Result.ModelOutcomes is { } models)
        {
            ModelMetrics?.Observe(models);
        }
        if (!pass.Result.Failed)
        {
            metrics?.LastSuccessfulSync(now);
        }
    }

    /// <summary>
    /// A plan with changes starts applying (or moves to another step): the report says <c>converging</c> towards the
    /// attempted revision, with the step, until the pass reports its end.
    /// </summary>
    public void Converging(Plan plan, GoodRevision revision, ReportRevisions revisions, DriftStep step)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(revision);
        ArgumentNullException.ThrowIfNull(revisions);
        var report = DriftReportBuilder.Build(new DriftReportInput(plan, new DriftRevision(refName, revision.Commit, revision.Verified), time.GetUtcNow())
        {
            Previous = publisher.Store.Latest,
            // Carried so that a retry's converging report does not make its failure look new to notifications.
            LastError = publisher.Store.Latest?.LastError,
            Converging = true,
            Step = step,
        });
        publisher.Publish(_ => revisions.ApplyTo(report) with { Step = step }, null);
    }

    /// <summary>The step of a converging pass changed (a pull, a health gate): the latest report shows it.</summary>
    public void Step(DriftStep step)
    {
        if (publisher.Store.Latest is { Status: ReportStatus.Converging } latest)
        {
            publisher.Publish(_ => latest with { Step = step, GeneratedAt = time.GetUtcNow() }, null);
        }
    }

    public void Ongoing(DriftStep? step)
    {
        publisher.Ongoing = step;
        if (step is not null && publisher.Store.Latest is { } latest && latest.Step != step)
        {
            publisher.Publish(_ => latest with { GeneratedAt = time.GetUtcNow() }, null);
        }
    }

    public static StalledRevision StallOf(ReconcileResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var errors = result.Diagnostics.Where(d => d.Severity == Severity.Error).ToList();
        var undecryptable = errors.FirstOrDefault(d => Secrets.SecretEnvironment.IsUndecryptable(d.Message));
        var reason = result.Error
            ?? (undecryptable is not null
                ? $"revision {result.Revision} cannot be decrypted on host {result.Host}: {undecryptable.Message}; nothing of it is applied"
                : $"revision {result.Revision} is invalid for host {result.Host}: {errors.Count} error(s); nothing of it is applied");
        var diagnostics = errors.Select(d => new DriftDiagnostic(d.Position.File, d.Position.Line, d.Position.Column, d.Message));
        return new StalledRevision(result.Revision ?? "", result.Status, new DriftStall(reason, ValueList.From(diagnostics)));
    }

    public static IReadOnlyList<Diagnostic> DiagnosticsOf(DriftStall stall)
    {
        ArgumentNullException.ThrowIfNull(stall);
        return [.. stall.Diagnostics.Select(d => new Diagnostic(Severity.Error, new SourcePosition(d.File, d.Line, d.Column), d.Message))];
    }

    private DriftReport? Build(CyclePass pass, DriftStall? stall, GoodRevision? lastGood, DateTimeOffset now)
    {
        var previous = publisher.Store.Latest;
        if (pass.ReportPlan is not { } plan)
        {
            if (previous is null)
            {
                // The host's very first pass failed before it had a plan (git unreachable, an invalid first commit,
                // no engine): a report still says so, or the host would look silent rather than failing.
                return pass.Error is null && stall is null ? null : FirstFailure(pass, stall, now);
            }
            return previous with
            {
                GeneratedAt = now,
                LastError = pass.Error,
                Stalled = stall,
                Status = stall is not null ? ReportStatus.Stalled : pass.Error is not null ? ReportStatus.Failed : previous.Status,
            };
        }
        var against = pass.Against ?? lastGood;
        var revision = against is null ? null : new DriftRevision(refName, against.Commit, against.Verified);
        return DriftReportBuilder.Build(new DriftReportInput(plan, revision, now)
        {
            Outcomes = Outcomes(pass.Result.Applied),
            Models = ModelDrift.Rows(pass.Result.ModelPlan, pass.Result.ModelOutcomes),
            Previous = previous,
            LastError = pass.Error,
            Stall = stall,
        });
    }

    /// <summary>No revision: nothing was compared against (a stalled commit is named by <see cref="DriftStall"/>, not run).</summary>
    private static DriftReport FirstFailure(CyclePass pass, DriftStall? stall, DateTimeOffset now) => new(
        DriftReport.CurrentSchemaVersion,
        pass.Result.Host,
        null,
        now,
        stall is not null ? ReportStatus.Stalled : ReportStatus.Failed,
        ValueList<DriftResource>.Empty,
        pass.Error,
        stall);

    private static ValueList<ApplyOutcome> Outcomes(ApplyResult? applied) =>
        ValueList.From((applied?.Stacks ?? ValueList<StackApplyResult>.Empty).SelectMany(stack => stack.Resources
            .Where(r => r.Status is ApplyStatus.Failed or ApplyStatus.RolledBack)
            .Select(r => new ApplyOutcome(
                KindOf(r.Kind),
                stack.Stack,
                r.Name,
                r.Status == ApplyStatus.Failed ? ApplyFailure.Failed : ApplyFailure.RolledBack,
                r.Reason)
            {
                ExitCode = r.ExitCode,
                Logs = r.Logs,
            })));

    private static DriftKind KindOf(ResourceKind kind) => kind switch
    {
        ResourceKind.Network => DriftKind.Network,
        ResourceKind.Volume => DriftKind.Volume,
        ResourceKind.Task => DriftKind.Task,
        ResourceKind.Model => DriftKind.Model,
        _ => DriftKind.Service,
    };

    private static ReconcileOutcome OutcomeOf(ReconcileStatus status) => status switch
    {
        ReconcileStatus.Unchanged => ReconcileOutcome.NoChanges,
        ReconcileStatus.Converged => ReconcileOutcome.Applied,
        ReconcileStatus.ValidationFailed or ReconcileStatus.VerificationFailed or ReconcileStatus.Refused => ReconcileOutcome.Stalled,
        _ => ReconcileOutcome.Failed,
    };
}
