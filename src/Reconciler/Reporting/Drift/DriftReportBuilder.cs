using GitOps.Reconciler.Common;
using GitOps.Reconciler.Planning;

namespace GitOps.Reconciler.Reporting.Drift;

/// <summary>
/// Builds a <see cref="DriftReport"/> from a plan. Pure: the time comes in with the input.
/// Per resource: Create is Missing, Delete is Extra, Update and Replace are Drifted, NoOp is InSync
/// (or Drifted when it still lists differences the agent will not act on, or RolledBack when a failed
/// spec is held); every resource of a suspended stack is Suspended; apply outcomes override all that. A refresh
/// (<see cref="DriftReportInput.KeepsOutcomes"/>) keeps the previous report's failures while they still differ.
/// Each stack also gets a row of kind stack summarising its resources.
/// </summary>
public static class DriftReportBuilder
{
    private const string HeldFailure = "failed earlier and nothing to roll back to: waiting for a new revision";

    public static DriftReport Build(DriftReportInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.Models is null && input.Plan.Kinds.OfType<Models.ModelPlan>().FirstOrDefault() is { } modelPlan)
        {
            // A report from a plan alone (a refresh, a converging pass, drift --refresh) still has the models section.
            input = input with { Models = ModelRows(modelPlan, input) };
        }
        var previous = input.Previous?.Resources.ToDictionary(r => r.Key, StringComparer.Ordinal)
            ?? new Dictionary<string, DriftResource>(StringComparer.Ordinal);
        var causes = new DriftCauses(input.Revision, input.Previous, previous);
        var resources = new List<DriftResource>();
        foreach (var stack in input.Plan.Stacks)
        {
            var rows = stack.Changes.Select(c => Resource(input, stack, c, causes, previous)).ToList();
            resources.Add(Since(StackRow(stack, rows, input.Now), previous, input.Now));
            resources.AddRange(rows);
        }
        var stall = input.Stall ?? Refusal(input.Plan);
        if (stall is not null)
        {
            Undecryptable(resources, stall, previous, input.Now);
        }
        return new DriftReport(
            DriftReport.CurrentSchemaVersion,
            input.Plan.Host,
            input.Revision,
            input.Now,
            Overall(input, stall, resources),
            ValueList.From(resources),
            input.LastError,
            stall)
        {
            // What the daemon's passes know about revisions outlives a refresh that only probed the host.
            LastAppliedRevision = input.Previous?.LastAppliedRevision,
            LastAttemptedRevision = input.Previous?.LastAttemptedRevision,
            HistoryRewrite = input.Previous?.HistoryRewrite,
            Step = input.Converging ? input.Step : null,
            Models = input.Models,
        };
    }

    private static DriftResource Resource(
        DriftReportInput input, StackPlan stack, ResourceChange change, DriftCauses causes, Dictionary<string, DriftResource> previous)
    {
        var kind = KindOf(change.Kind);
        var differences = ValueList.From(change.Fields.Select(f =>
            new DriftDifference(f.Field, SecretMask.Apply(f.Field, f.Desired), SecretMask.Apply(f.Field, f.Actual))));
        var status = StatusOf(change);
        var outcome = input.Outcomes.FirstOrDefault(o => o.Kind == kind && o.Stack == change.Stack && o.Name == change.Name);
        if (stack.Action == StackAction.Suspended)
        {
            status = ResourceStatus.Suspended;
        }
        else if (outcome is not null)
        {
            status = outcome.Result == ApplyFailure.Failed ? ResourceStatus.Failed : ResourceStatus.RolledBack;
        }
        var lastError = outcome?.Reason;
        var (exitCode, logs) = (outcome?.ExitCode, outcome?.Logs);
        if (outcome is null && input.KeepsOutcomes && previous.TryGetValue($"{kind}/{change.Stack}/{change.Name}", out var before))
        {
            if (before.Status is ResourceStatus.Failed or ResourceStatus.RolledBack && status is not (ResourceStatus.InSync or ResourceStatus.Suspended))
            {
                status = before.Status;
                (exitCode, logs) = (before.ExitCode, before.Logs);
            }
            lastError = before.Status == status ? before.LastError : null;
        }
        var loop = (change as ServiceChange)?.Existing.Select(c => c.CrashLoop).FirstOrDefault(l => l is not null);
        if (loop is not null && outcome is null && status is not (ResourceStatus.Suspended or ResourceStatus.Failed or ResourceStatus.RolledBack))
        {
            status = ResourceStatus.CrashLooping;
            lastError = $"crash looping: exited {loop.Crashes} times in a row without being stopped" + (loop.ExitCode is { } code ? $", last exit code {code}" : "");
        }
        var changed = status switch
        {
            ResourceStatus.InSync => false,
            ResourceStatus.Suspended => change.Action != ChangeAction.NoOp || change.Fields.Count > 0,
            _ => true,
        };
        var resource = new DriftResource(
            kind,
            change.Stack,
            change.Name,
            status,
            differences,
            changed ? causes.Of(kind, change) : null,
            input.Now,
            change.Reason == PlanReasons.UpToDate ? null
                : change.Reason == PlanReasons.RolledBack && RunsTheHeldSpec(change) ? HeldFailure
                : change.Reason,
            lastError)
        {
            ExitCode = status == ResourceStatus.CrashLooping ? loop?.ExitCode : exitCode,
            Logs = status == ResourceStatus.CrashLooping ? loop?.LastLogs : logs,
        };
        return Since(resource, previous, input.Now);
    }

    private static ResourceStatus StatusOf(ResourceChange change) => change.Action switch
    {
        ChangeAction.Create => ResourceStatus.Missing,
        ChangeAction.Delete => ResourceStatus.Extra,
        ChangeAction.Update or ChangeAction.Replace => ResourceStatus.Drifted,
        _ when change.Reason == PlanReasons.RolledBack && RunsTheHeldSpec(change) => ResourceStatus.Failed,
        _ when change.Reason == PlanReasons.RolledBack => ResourceStatus.RolledBack,
        _ when change.Fields.Count > 0 => ResourceStatus.Drifted,
        _ => ResourceStatus.InSync,
    };

    /// <summary>
    /// A held spec whose containers are that very spec was never rolled back (there was nothing to go back to, as on a
    /// first deploy): it failed, and saying "rolled back" would send people looking for a previous version.
    /// </summary>
    private static bool RunsTheHeldSpec(ResourceChange change) =>
        change is ServiceChange { Existing.Count: > 0 } service && service.Existing.All(c => c.ConfigHash == service.DesiredConfigHash);

    /// <summary>A stack row: Suspended, Extra when torn down, Missing when nothing of it exists yet, else its worst resource.</summary>
    private static DriftResource StackRow(StackPlan stack, IReadOnlyList<DriftResource> rows, DateTimeOffset now)
    {
        var status = stack.Action switch
        {
            StackAction.Suspended => ResourceStatus.Suspended,
            StackAction.Teardown => stack.HasChanges ? ResourceStatus.Extra : ResourceStatus.InSync,
            _ when rows.Count > 0 && rows.All(r => r.Status == ResourceStatus.Missing) => ResourceStatus.Missing,
            _ when rows.Any(r => r.Status == ResourceStatus.Failed) => ResourceStatus.Failed,
            _ when rows.Any(r => r.Status == ResourceStatus.CrashLooping) => ResourceStatus.CrashLooping,
            _ when rows.Any(r => r.Status == ResourceStatus.RolledBack) => ResourceStatus.RolledBack,
            _ when rows.Any(r => r.Differs) => ResourceStatus.Drifted,
            _ => ResourceStatus.InSync,
        };
        var cause = rows.Any(r => r.Cause == DriftCause.Git) ? DriftCause.Git
            : rows.Any(r => r.Cause == DriftCause.Host) ? DriftCause.Host
            : (DriftCause?)null;
        var note = stack.Action switch
        {
            StackAction.Suspended => "suspended: reported, never touched",
            StackAction.Teardown => PlanReasons.StackRemoved,
            _ => null,
        };
        return new DriftResource(
            DriftKind.Stack, stack.Stack, stack.Stack, status, ValueList<DriftDifference>.Empty,
            status == ResourceStatus.InSync ? null : cause, now, note, rows.Select(r => r.LastError).FirstOrDefault(e => e is not null));
    }

    /// <summary>A resource that keeps its status keeps the time it entered it.</summary>
    private static DriftResource Since(DriftResource resource, Dictionary<string, DriftResource> previous, DateTimeOffset now) =>
        previous.TryGetValue(resource.Key, out var before) && before.Status == resource.Status
            ? resource with { Since = before.Since }
            : resource with { Since = now };

    private static ReportStatus Overall(DriftReportInput input, DriftStall? stall, IReadOnlyList<DriftResource> resources)
    {
        var stacks = resources.Where(r => r.Kind == DriftKind.Stack).ToList();
        if (stall is not null)
        {
            return ReportStatus.Stalled;
        }
        if (input.HostSuspended)
        {
            return ReportStatus.Suspended;
        }
        if (input.Converging && resources.Any(r => r.Differs))
        {
            // Applying right now: that is what the report says, even while the previous pass's error is still carried.
            return ReportStatus.Converging;
        }
        if (input.LastError is not null || resources.Any(r => r.Status is ResourceStatus.Failed or ResourceStatus.RolledBack or ResourceStatus.CrashLooping)
            || input.Models?.Any(m => m.Status is ResourceStatus.Failed or ResourceStatus.RolledBack) == true)
        {
            return ReportStatus.Failed;
        }
        if (resources.Any(r => r.Differs) || input.Models?.Any(m => m.Differences.Count > 0) == true)
        {
            return input.Converging ? ReportStatus.Converging : ReportStatus.Drifted;
        }
        // A suspended stack that differs is not "in sync": the headline says suspended, the rows say what differs.
        return (stacks.Count > 0 && stacks.All(s => s.Status == ResourceStatus.Suspended)) || resources.Any(r => r.HasDifferences)
            ? ReportStatus.Suspended
            : ReportStatus.InSync;
    }

    /// <summary>
    /// A stalled revision whose stack uses a secret this host cannot decrypt: that stack's row says
    /// <see cref="ResourceStatus.Undecryptable"/> with the file and the reason (a row of its own when the stack is new).
    /// </summary>
    private static void Undecryptable(List<DriftResource> resources, DriftStall stall, Dictionary<string, DriftResource> previous, DateTimeOffset now)
    {
        foreach (var failure in stall.Diagnostics.Where(d => Secrets.SecretEnvironment.IsUndecryptable(d.Message)))
        {
            var parts = failure.File.Split('/');
            if (parts.Length < 3 || parts[0] != "stacks")
            {
                continue;
            }
            var stack = parts[1];
            var at = resources.FindIndex(r => r.Kind == DriftKind.Stack && r.Stack == stack);
            if (at >= 0)
            {
                resources[at] = Since(resources[at] with { Status = ResourceStatus.Undecryptable, LastError = failure.Message }, previous, now);
            }
            else
            {
                resources.Add(Since(new DriftResource(
                    DriftKind.Stack, stack, stack, ResourceStatus.Undecryptable, ValueList<DriftDifference>.Empty, null, now, null, failure.Message), previous, now));
            }
        }
    }

    /// <summary>A plan with refusals is not applied at all: that needs a person or a new commit, so it is a stall.</summary>
    private static DriftStall? Refusal(Plan plan) =>
        plan.Refusals.Count == 0 ? null : new DriftStall(string.Join("; ", plan.Refusals), ValueList<DriftDiagnostic>.Empty);

    private static DriftKind KindOf(ResourceKind kind) => kind switch
    {
        ResourceKind.Network => DriftKind.Network,
        ResourceKind.Volume => DriftKind.Volume,
        ResourceKind.Task => DriftKind.Task,
        ResourceKind.Model => DriftKind.Model,
        _ => DriftKind.Service,
    };

    /// <summary>The models rows of a plan without outcomes; a refresh keeps a model's earlier failure while it still differs.</summary>
    private static ValueList<DriftModel> ModelRows(Models.ModelPlan plan, DriftReportInput input)
    {
        var rows = ModelDrift.Rows(plan, null) ?? ValueList<DriftModel>.Empty;
        if (!input.KeepsOutcomes || input.Previous?.Models is not { } before)
        {
            return rows;
        }
        return ValueList.From(rows.Select(row =>
            row.Status != ResourceStatus.InSync && before.FirstOrDefault(m => m.Name == row.Name) is { Status: ResourceStatus.Failed } failed
                ? row with { Status = ResourceStatus.Failed, LastError = failed.LastError }
                : row));
    }
}
