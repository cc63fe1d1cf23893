using System.Diagnostics;
using GitOps.Reconciler.Actual;
using GitOps.Reconciler.Apply;
using GitOps.Reconciler.Desired;
using GitOps.Reconciler.Diagnostics;
using GitOps.Reconciler.Planning;
using GitOps.Reconciler.Repository;
using Microsoft.Extensions.Logging;

namespace GitOps.Reconciler.Reconciliation;

/// <summary>
/// One reconcile of this host against a checked-out revision, read as its pipeline:
/// LoadDesired, ProbeActual, Plan — then Apply (which also prunes) and Report.
/// Planning and applying are separate calls so that what is shown is exactly what is applied.
/// </summary>
public sealed class HostReconciler(
    DockerProbe probe,
    ComposeExecutor executor,
    IReconcileMemory memory,
    TimeProvider time,
    ILogger<HostReconciler> logger)
{
    /// <summary>The scheduled-tasks kind, planned and applied after the stacks (a task may join a stack's network).</summary>
    public Tasks.ITaskKind? Tasks { get; set; }

    /// <summary>The models kind, applied before the stacks: a consumer being deployed finds its model in place.</summary>
    public Models.IModelKind? Models { get; set; }

    /// <summary>LoadDesired, ProbeActual and Plan; changes nothing and records nothing.</summary>
    /// <param name="fullDrift">Inspect every container (field-level drift even behind matching labels) instead of
    /// trusting config-hash labels; the periodic reconcile stays cheap, a person asking gets everything.</param>
    public async Task<ReconcileResult> PlanAsync(RepoDirectory repo, string host, string? revision, bool fullDrift, CancellationToken cancellationToken)
    {
        var started = time.GetUtcNow();
        var clock = Stopwatch.StartNew();
        ReconcileResult Result(ReconcileStatus status, IReadOnlyList<Diagnostic> diagnostics, Plan? plan = null, string? error = null) =>
            new(host, revision, status, diagnostics, plan, null, error, started, clock.Elapsed);

        var (desired, diagnostics) = LoadDesired(repo, host);
        if (desired is null)
        {
            logger.LogWarning("Revision {Revision} is invalid for {Host}: {Count} errors; nothing applied",
                revision ?? "(directory)", host, diagnostics.Count(d => d.Severity == Severity.Error));
            return Result(ReconcileStatus.ValidationFailed, diagnostics);
        }
        ActualState actual;
        try
        {
            actual = await ProbeActualAsync(desired, fullDrift, cancellationToken);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException or TimeoutException or Docker.DotNet.DockerApiException)
        {
            // An engine away (restart, upgrade) is an operating condition, not a bug: one line, the trace only when debugging.
            logger.LogWarning("Reading the Docker engine failed: {Reason}", ex.Message);
            logger.LogDebug(ex, "Reading the Docker engine failed");
            return Result(ReconcileStatus.ProbeFailed, diagnostics, error: "Docker engine unreachable: " + ex.Message);
        }
        var context = await memory.LoadContextAsync(cancellationToken);
        var plan = Planner.Plan(desired, actual, context);
        var taskPlan = await PlanTasksAsync(desired, cancellationToken);
        var modelPlan = Models?.Plan(desired, repo.Root, fullDrift);
        var refusals = plan.Refusals.Concat(modelPlan?.Refusals ?? []).ToList();
        var status = refusals.Count > 0 ? ReconcileStatus.Refused
            : plan.HasChanges || taskPlan?.HasChanges == true || modelPlan?.HasChanges == true ? ReconcileStatus.Converged
            : ReconcileStatus.Unchanged;
        return Result(status, diagnostics, plan, refusals.Count > 0 ? string.Join("; ", refusals) : null) with { TaskPlan = taskPlan, ModelPlan = modelPlan };
    }

    /// <summary>Apply a planned reconcile (a no-op when it has nothing to do or stopped early), then Report it.</summary>
    public async Task<ReconcileResult> ApplyAsync(ReconcileResult planned, IProgress<ApplyEvent>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(planned);
        if (planned.Plan is null || planned.Status is not ReconcileStatus.Converged)
        {
            return await ReportAsync(planned, cancellationToken);
        }
        var clock = Stopwatch.StartNew();
        var models = Models is not null && planned.ModelPlan is { HasChanges: true } modelPlan
            ? await Models.ApplyAsync(modelPlan, null, cancellationToken)
            : null;
        var applied = await executor.ApplyAsync(planned.Plan, progress, cancellationToken);
        if (Tasks is not null && planned.TaskPlan is { HasChanges: true } taskPlan)
        {
            try
            {
                await Tasks.ApplyAsync(taskPlan, planned.Revision, cancellationToken);
            }
            catch (Exception ex) when (ex is Quartz.SchedulerException or Microsoft.Data.Sqlite.SqliteException)
            {
                // The next pass plans the tasks again from the store as it is.
                logger.LogWarning("Scheduling tasks failed: {Reason}", ex.Message);
            }
        }
        var status = StatusOf(applied);
        var modelStatus = GitOps.Reconciler.Models.ModelResults.StatusOf(models);
        var result = planned with
        {
            Status = modelStatus > status ? modelStatus
                : status == ReconcileStatus.Unchanged && (planned.TaskPlan?.HasChanges == true || models is not null) ? ReconcileStatus.Converged : status,
            Applied = applied,
            ModelOutcomes = models,
            Error = FirstFailure(applied) ?? GitOps.Reconciler.Models.ModelResults.FirstFailure(models),
            Duration = planned.Duration + clock.Elapsed,
        };
        return await ReportAsync(result, cancellationToken);
    }

    // A scheduler store that cannot be read must not stop the stacks from converging: tasks wait for the next pass.
    private async Task<Tasks.TaskPlan?> PlanTasksAsync(DesiredState desired, CancellationToken cancellationToken)
    {
        if (Tasks is null)
        {
            return null;
        }
        try
        {
            return await Tasks.PlanAsync(desired, cancellationToken);
        }
        catch (Exception ex) when (ex is Quartz.SchedulerException or Microsoft.Data.Sqlite.SqliteException or System.Text.Json.JsonException)
        {
            logger.LogWarning("Reading the task scheduler failed, tasks are left as they are: {Reason}", ex.Message);
            return null;
        }
    }

    private static (DesiredState? Desired, IReadOnlyList<Diagnostic> Diagnostics) LoadDesired(RepoDirectory repo, string host)
    {
        var diagnostics = new DiagnosticBag();
        var desired = new DesiredStateLoader().Load(repo, host, diagnostics);
        return (diagnostics.HasErrors ? null : desired, diagnostics.Sorted());
    }

    private Task<ActualState> ProbeActualAsync(DesiredState desired, bool fullDrift, CancellationToken cancellationToken) =>
        probe.ReadAsync(ProbeRequest.For(desired, fullDrift), cancellationToken);

    private async Task<ReconcileResult> ReportAsync(ReconcileResult result, CancellationToken cancellationToken)
    {
        await memory.RecordAsync(result, cancellationToken);
        logger.LogInformation("Reconcile of {Host} ended {Status} in {Duration}", result.Host, result.Status, result.Duration);
        return result;
    }

    private static ReconcileStatus StatusOf(ApplyResult applied) =>
        applied.Refusals.Count > 0 ? ReconcileStatus.Refused
        : applied.Stacks.Select(s => s.Status).DefaultIfEmpty(ApplyStatus.Unchanged).Max() switch
        {
            ApplyStatus.Failed => ReconcileStatus.ApplyFailed,
            ApplyStatus.RolledBack => ReconcileStatus.HealthCheckFailed,
            ApplyStatus.Applied => ReconcileStatus.Converged,
            _ => ReconcileStatus.Unchanged,
        };

    private static string? FirstFailure(ApplyResult applied) =>
        applied.Refusals.Count > 0 ? string.Join("; ", applied.Refusals)
        : applied.Stacks.Select(s => s.Reason is null ? null : $"{s.Stack}/{s.Reason}").FirstOrDefault(r => r is not null);
}
