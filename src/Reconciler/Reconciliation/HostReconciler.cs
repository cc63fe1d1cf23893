using GitOps.Reconciler.Apply;
using GitOps.Reconciler.Common;
using GitOps.Reconciler.Desired;
using GitOps.Reconciler.Diagnostics;
using GitOps.Reconciler.Planning;
using GitOps.Reconciler.Repository;
using Microsoft.Extensions.Logging;

namespace GitOps.Reconciler.Reconciliation;

/// <summary>
/// One reconcile of this host against a checked-out revision, read as its pipeline:
/// LoadDesired, then each kind's slice (<see cref="IKindSlice"/>) ProbeActual and Plan into one host plan — then Apply
/// (which also prunes) and Report. Planning and applying are separate calls so that what is shown is exactly what is
/// applied. The kinds come from the composition root; adding one needs no change here.
/// </summary>
public sealed class HostReconciler(
    IEnumerable<IKindSlice> kinds,
    IReconcileMemory memory,
    Secrets.ConfigHashKey hashKey,
    TimeProvider time,
    ILogger<HostReconciler> logger) : IHostReconciler
{
    private readonly IReadOnlyList<IKindSlice> _kinds = [.. kinds];

    /// <summary>The host's age identities that decrypt the repo's SOPS files (none: encrypted files stall the revision).</summary>
    public Secrets.SecretKeyring Secrets { get; set; } = GitOps.Reconciler.Secrets.SecretKeyring.StructureOnly;

    /// <summary>This host's policy: a revision asking for more than it allows is refused whole, before anything is planned.</summary>
    public GitOps.Reconciler.Policy.HostPolicy Policy { get; set; } = GitOps.Reconciler.Policy.HostPolicy.UpgradeDefault;

    private bool _policyWarned;

    /// <summary>Hash every file a kind keeps in full when planning (<c>drift --refresh</c>); otherwise files whose stamps
    /// did not change since their last verification are trusted until their verification interval is due.</summary>
    public bool VerifyContent { get; set; }

    /// <summary>Whether the agent has a fleet store: fleet tasks and a repo's <c>rollout:</c> need one. Null when no agent
    /// config is known: fleet tasks are then not checked, and a rollout is an error as without a store.</summary>
    public bool? FleetStore { get; set; }

    /// <summary>The desired state of the last revision planned, reused while nothing it was loaded from changed.</summary>
    public DesiredStateCache LoadedDesired { get; } = new();

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
        var (desired, diagnostics) = LoadedDesired.GetOrLoad(
            DesiredStateKey.For(repo, host, revision, Secrets, hashKey, Policy, FleetStore), () => LoadDesired(repo, host));
        if (desired is null)
        {
            logger.LogWarning("Revision {Revision} is invalid for {Host}: {Count} errors; nothing applied",
                revision ?? "(directory)", host, diagnostics.Count(d => d.Severity == Severity.Error));
            return Result(ReconcileStatus.ValidationFailed, diagnostics);
        }
        // One host plan: each kind's part in the order the kinds are registered, with the ordering edges between them.
        var plan = new Plan(host, ValueList<IKindPlan>.Empty, ValueList<string>.Empty);
        var request = new KindPlanRequest(desired, repo, fullDrift) { HashKey = hashKey, VerifyContent = VerifyContent };
        foreach (var kind in _kinds)
        {
            try
            {
                if (await kind.PlanAsync(request, cancellationToken) is { } part)
                {
                    plan = plan.With(part);
                }
            }
            catch (ActualStateUnreadableException ex)
            {
                return Result(ReconcileStatus.ProbeFailed, diagnostics, error: ex.Message);
            }
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
    /// The pull stage: the images the plan's changes need, made present before anything is applied by the kinds that
    /// pull (<see cref="IPullingSlice"/>); the apply of this plan then pulls none of them again.
    /// </summary>
    public async Task<PulledImages> PullAsync(ReconcileResult planned, IProgress<ApplyEvent>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(planned);
        if (planned.Plan is not { } plan || planned.Status != ReconcileStatus.Converged)
        {
            return PulledImages.None;
        }
        var pulled = PulledImages.None;
        foreach (var part in plan.Kinds)
        {
            if (_kinds.FirstOrDefault(k => k.Kind == part.Kind) is IPullingSlice pulling)
            {
                pulled = pulled.With(await pulling.PullAsync(part, progress, cancellationToken));
            }
        }
        return pulled;
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
        // Kinds in the plan's order: a kind after those whose resources it needs (a stack's network before a task joining
        // it); each records what it did in the result.
        var result = planned with { Status = ReconcileStatus.Unchanged, Applied = new ApplyResult(ValueList<StackApplyResult>.Empty, ValueList<string>.Empty) };
        foreach (var part in planned.Plan.ApplyOrder)
        {
            if (_kinds.FirstOrDefault(k => k.Kind == part.Kind) is { } kind)
            {
                result = await kind.ApplyAsync(part, result, progress, cancellationToken);
            }
        }
        return await ReportAsync(result with { Duration = planned.Duration + time.GetElapsedTime(clock) }, cancellationToken);
    }

    private (DesiredState? Desired, IReadOnlyList<Diagnostic> Diagnostics) LoadDesired(RepoDirectory repo, string host)
    {
        var diagnostics = new DiagnosticBag();
        var desired = new DesiredStateLoader { Secrets = Secrets, HashKey = hashKey, FleetStore = FleetStore }.Load(repo, host, diagnostics);
        if (desired is not null)
        {
            GitOps.Reconciler.Policy.HostPolicyCheck.Check(desired, Policy, diagnostics);
            GitOps.Reconciler.Rollout.RolloutStoreCheck.Check(desired, FleetStore == true, diagnostics);
        }
        return (diagnostics.HasErrors ? null : desired, diagnostics.Sorted());
    }

    private async Task<ReconcileResult> ReportAsync(ReconcileResult result, CancellationToken cancellationToken)
    {
        Remember(result);
        await memory.RecordAsync(result, cancellationToken);
        logger.LogInformation("Reconcile of {Host} ended {Status} in {Duration}", result.Host, result.Status, result.Duration);
        return result;
    }

    // What the pass saw lets each kind skip work next time (the models' verified file stamps); only a pass that reports
    // remembers, `plan` never does.
    private void Remember(ReconcileResult result)
    {
        foreach (var kind in _kinds)
        {
            kind.Remember(result);
        }
    }
}
