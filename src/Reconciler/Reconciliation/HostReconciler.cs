using GitOps.Reconciler.Actual;
using GitOps.Reconciler.Apply;
using GitOps.Reconciler.Common;
using GitOps.Reconciler.Desired;
using GitOps.Reconciler.Diagnostics;
using GitOps.Reconciler.Planning;
using GitOps.Reconciler.Repository;
using GitOps.Reconciler.Stacks;
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
    Secrets.ConfigHashKey hashKey,
    TimeProvider time,
    ILogger<HostReconciler> logger) : IHostReconciler
{
    /// <summary>The host's age identities that decrypt the repo's SOPS files (none: encrypted files stall the revision).</summary>
    public Secrets.SecretKeyring Secrets { get; set; } = GitOps.Reconciler.Secrets.SecretKeyring.StructureOnly;

    /// <summary>This host's policy: a revision asking for more than it allows is refused whole, before anything is planned.</summary>
    public GitOps.Reconciler.Policy.HostPolicy Policy { get; set; } = GitOps.Reconciler.Policy.HostPolicy.UpgradeDefault;

    private bool _policyWarned;

    /// <summary>The scheduled-tasks kind, planned and applied after the stacks (a task may join a stack's network).</summary>
    public Tasks.ITaskKind? Tasks { get; set; }

    /// <summary>The models kind, applied before the stacks: a consumer being deployed finds its model in place. Set by the
    /// composition root where the models slice is registered.</summary>
    public Models.IModelKind? Models { get; set; }

    /// <summary>Hash every model file in full when planning (<c>drift --refresh</c>); otherwise files whose stamps did not
    /// change since their last verification are trusted until <c>models.verifyInterval</c> is due.</summary>
    public bool VerifyModelFiles { get; set; }

    /// <summary>LoadDesired, ProbeActual and Plan; changes nothing and records nothing.</summary>
    /// <param name="fullDrift">Inspect every container (field-level drift even behind matching labels) instead of
    /// trusting config-hash labels; the periodic reconcile stays cheap, a person asking gets everything.</param>
    public async Task<ReconcileResult> PlanAsync(RepoDirectory repo, string host, string? revision, bool fullDrift, CancellationToken cancellationToken)
    {
        var started = time.GetUtcNow();
        var clock = time.GetTimestamp();
        ReconcileResult Result(ReconcileStatus status, IReadOnlyList<Diagnostic> diagnostics, Plan? plan = null, string? error = null) =>
            new(host, revision, status, diagnostics, plan, null, error, started, time.GetElapsedTime(clock));

        if (Policy.Warning is { } warning && !_policyWarned)
        {
            // Once per agent: the report carries it on every pass.
            _policyWarned = true;
            logger.LogWarning("{PolicyWarning}", warning);
        }
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
        var context = await memory.LoadContextAsync(cancellationToken) with { HashKey = hashKey };
        // One host plan: the stacks kind's part, then every other kind's, with the ordering edges between them.
        var plan = Planner.Plan(desired, actual, context);
        if (await PlanTasksAsync(desired, cancellationToken) is { } taskPlan)
        {
            plan = plan.With(taskPlan);
        }
        if (Models is { } modelKind && await modelKind.PlanAsync(desired, repo.Root, VerifyModelFiles, cancellationToken) is { } modelPlan)
        {
            // First in the host plan, so a model is in place before any stack starts a service that mounts its path
            // (declared consumers are also ordered by their edges); a refused model refuses the plan.
            plan = plan with
            {
                Kinds = ValueList.From(plan.Kinds.Prepend(modelPlan)),
                Refusals = ValueList.From(plan.Refusals.Concat(modelPlan.Refusals)),
            };
        }
        var status = plan.Refusals.Count > 0 ? ReconcileStatus.Refused
            : plan.HasChanges ? ReconcileStatus.Converged
            : ReconcileStatus.Unchanged;
        return Result(status, diagnostics, plan, plan.Refusals.Count > 0 ? string.Join("; ", plan.Refusals) : null);
    }

    /// <summary>Report a result that has nothing to apply (a refusal, a failure before Apply, no changes).</summary>
    public Task<ReconcileResult> RecordAsync(ReconcileResult result, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(result);
        return ReportAsync(result, cancellationToken);
    }

    /// <summary>
    /// The pull stage: the images the plan's service changes need, made present before anything is applied (see
    /// <see cref="ComposeExecutor.PullAsync"/>); the apply of this plan then pulls none of them again.
    /// </summary>
    public Task<PulledImages> PullAsync(ReconcileResult planned, IProgress<ApplyEvent>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(planned);
        return planned.Plan is { } plan && planned.Status == ReconcileStatus.Converged
            ? executor.PullAsync(plan.Stacks, progress, cancellationToken)
            : Task.FromResult(PulledImages.None);
    }

    /// <summary>Apply a planned reconcile (a no-op when it has nothing to do or stopped early), then Report it.</summary>
    public async Task<ReconcileResult> ApplyAsync(ReconcileResult planned, IProgress<ApplyEvent>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(planned);
        if (planned.Plan is null || planned.Status is not ReconcileStatus.Converged)
        {
            return await ReportAsync(planned, cancellationToken);
        }
        var clock = time.GetTimestamp();
        // Kinds in the plan's order: a kind after those whose resources it needs (a stack's network before a task joining it).
        var models = Models is { } modelKind ? new Models.ModelKindExecutor(modelKind) : null;
        var executors = Executors(models, planned.Pulled).ToDictionary(e => e.Kind, StringComparer.Ordinal);
        var sections = new List<StackApplyResult>();
        foreach (var kind in planned.Plan.ApplyOrder)
        {
            if (executors.TryGetValue(kind.Kind, out var kindExecutor))
            {
                sections.AddRange(await kindExecutor.ApplyAsync(kind, planned.Revision, progress, cancellationToken));
            }
        }
        var applied = new ApplyResult(ValueList.From(sections), ValueList<string>.Empty);
        var status = StatusOf(applied);
        var outcomes = models?.Outcomes;
        var modelStatus = ModelResults.StatusOf(outcomes);
        var result = planned with
        {
            Status = modelStatus > status ? modelStatus
                : status == ReconcileStatus.Unchanged && (planned.TaskPlan?.HasChanges == true || outcomes is not null) ? ReconcileStatus.Converged : status,
            Applied = applied,
            ModelOutcomes = outcomes,
            Error = FirstFailure(applied) ?? ModelResults.FirstFailure(outcomes),
            Duration = planned.Duration + time.GetElapsedTime(clock),
        };
        return await ReportAsync(result, cancellationToken);
    }

    /// <summary>The executor of each kind taking part in this pass: the stacks always, the tasks where a scheduler runs,
    /// the models where the models kind takes part (an executor of this pass, which keeps the models' outcomes).</summary>
    private IEnumerable<IKindExecutor> Executors(Models.ModelKindExecutor? models, PulledImages? pulled)
    {
        yield return pulled is null ? executor : executor.After(pulled);
        if (models is not null)
        {
            yield return models;
        }
        if (Tasks is { } tasks)
        {
            yield return new Tasks.TaskKindExecutor(tasks, logger);
        }
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

    private (DesiredState? Desired, IReadOnlyList<Diagnostic> Diagnostics) LoadDesired(RepoDirectory repo, string host)
    {
        var diagnostics = new DiagnosticBag();
        var desired = new DesiredStateLoader { Secrets = Secrets, HashKey = hashKey }.Load(repo, host, diagnostics);
        if (desired is not null)
        {
            GitOps.Reconciler.Policy.HostPolicyCheck.Check(desired, Policy, diagnostics);
        }
        return (diagnostics.HasErrors ? null : desired, diagnostics.Sorted());
    }

    private Task<ActualState> ProbeActualAsync(DesiredState desired, bool fullDrift, CancellationToken cancellationToken) =>
        probe.ReadAsync(ProbeRequest.For(desired, fullDrift) with { HashKey = hashKey }, cancellationToken);

    private async Task<ReconcileResult> ReportAsync(ReconcileResult result, CancellationToken cancellationToken)
    {
        if (Models is { } models && result.ModelPlan is { } modelPlan)
        {
            RememberModels(models, modelPlan);
        }
        await memory.RecordAsync(result, cancellationToken);
        logger.LogInformation("Reconcile of {Host} ended {Status} in {Duration}", result.Host, result.Status, result.Duration);
        return result;
    }

    // What the pass saw of the models saves hashing next time; a state directory that cannot be written costs only that.
    private void RememberModels(Models.IModelKind models, Models.ModelPlan plan)
    {
        try
        {
            models.Remember(plan);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            logger.LogWarning("Recording the models' verification failed: {Reason}", ex.Message);
        }
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
