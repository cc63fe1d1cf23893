using GitOps.Reconciler.Actual;
using GitOps.Reconciler.Apply;
using GitOps.Reconciler.Common;
using GitOps.Reconciler.Planning;
using GitOps.Reconciler.Stacks;
using Microsoft.Extensions.Logging;

namespace GitOps.Reconciler.Reconciliation.Slices;

/// <summary>
/// The compose stacks kind in the pass: reads the engine (<see cref="DockerProbe"/>), plans the stacks against it with
/// what the agent remembers (<see cref="Planner"/>), applies them with <see cref="ComposeExecutor"/>; each stack's
/// outcome goes into the pass's result for the report and history.
/// </summary>
public sealed class StacksSlice(DockerProbe probe, ComposeExecutor executor, IReconcileMemory memory, ILogger<StacksSlice> logger) : IPullingSlice
{
    public string Kind => StacksPlan.KindName;

    public async Task<Plan?> PlanAsync(KindPlanRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ActualState actual;
        try
        {
            actual = await probe.ReadAsync(ProbeRequest.For(request.Desired, request.FullDrift) with { HashKey = request.HashKey }, cancellationToken);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException or TimeoutException or Docker.DotNet.DockerApiException)
        {
            // An engine away (restart, upgrade) is an operating condition, not a bug: one line, the trace only when debugging.
            logger.LogWarning("Reading the Docker engine failed: {Reason}", ex.Message);
            logger.LogDebug(ex, "Reading the Docker engine failed");
            throw new ActualStateUnreadableException("Docker engine unreachable: " + ex.Message, ex);
        }
        return Planner.Plan(request.Desired, actual, await memory.LoadContextAsync(cancellationToken) with { HashKey = request.HashKey });
    }

    public async Task<ReconcileResult> ApplyAsync(IKindPlan part, ReconcileResult result, IProgress<ApplyEvent>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(result);
        var stacks = part as StacksPlan ?? throw new ArgumentException($"the stacks slice cannot apply the {part?.Kind} kind", nameof(part));
        var applied = await executor.ApplyStacksAsync(stacks.Stacks, progress, result.Pulled, cancellationToken, result.RetireInBackground);
        var all = new ApplyResult(ValueList.From((result.Applied?.Stacks ?? ValueList<StackApplyResult>.Empty).Concat(applied)), result.Applied?.Refusals ?? ValueList<string>.Empty);
        var status = applied.Select(s => s.Status).DefaultIfEmpty(ApplyStatus.Unchanged).Max();
        var failure = applied.Select(s => s.Reason is null ? null : $"{s.Stack}/{s.Reason}").FirstOrDefault(r => r is not null);
        return (result with { Applied = all }).With(status, failure);
    }

    public Task<PulledImages> PullAsync(IKindPlan part, IProgress<ApplyEvent>? progress, CancellationToken cancellationToken)
    {
        var stacks = part as StacksPlan ?? throw new ArgumentException($"the stacks slice cannot pull for the {part?.Kind} kind", nameof(part));
        return executor.PullAsync(stacks.Stacks, progress, cancellationToken);
    }

    // The stacks' memory (last good revisions, crash loops) is what the pass records; nothing more to keep.
    public void Remember(ReconcileResult result)
    {
    }
}
