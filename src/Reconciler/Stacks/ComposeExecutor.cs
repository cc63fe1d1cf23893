using System.Collections.Concurrent;
using Docker.DotNet;
using GitOps.Reconciler.Apply;
using GitOps.Reconciler.Common;
using GitOps.Reconciler.Compose;
using GitOps.Reconciler.Engine;
using GitOps.Reconciler.Planning;
using Microsoft.Extensions.Logging;

namespace GitOps.Reconciler.Stacks;

/// <summary>
/// Executes a <see cref="Plan"/> on the engine. It makes no decisions: each change is done as the plan says, in the
/// plan's order. What it guarantees is the safety of each step: pull before stop, a replacement is running and
/// healthy before the old container is removed, and a failed health gate brings the old container back.
/// </summary>
public sealed partial class ComposeExecutor(
    IDockerEngine engine,
    ComposeExecutorOptions options,
    TimeProvider time,
    ILogger<ComposeExecutor> logger)
{
    private readonly NetworkEndpoints _endpoints = new(engine);

    /// <summary>The engine's container events, when something follows them (the daemon): gates wake on them.</summary>
    public ContainerChanges? Changes { get; init; }

    public async Task<ApplyResult> ApplyAsync(Plan plan, IProgress<ApplyEvent>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        if (plan.Refusals.Count > 0)
        {
            logger.LogWarning("Plan for {Host} refused: {Refusals}", plan.Host, string.Join("; ", plan.Refusals));
            return new ApplyResult(ValueList<StackApplyResult>.Empty, plan.Refusals);
        }
        return new ApplyResult(await ApplyStacksAsync(plan.Stacks, progress, null, cancellationToken), ValueList<string>.Empty);
    }

    /// <summary>The stacks kind's part of a host plan (the pass checked the plan's refusals before applying anything).</summary>
    /// <param name="pulled">What the pass's pull stage made present or failed to pull; null to pull here.</param>
    /// <param name="retireInBackground">Stop and remove the old containers of start-first replaces after returning (see
    /// <see cref="RetiredAsync"/>) rather than before.</param>
    public async Task<ValueList<StackApplyResult>> ApplyStacksAsync(
        ValueList<StackPlan> stacks, IProgress<ApplyEvent>? progress, PulledImages? pulled, CancellationToken cancellationToken, bool retireInBackground = false)
    {
        // Stacks share no resources, so they converge side by side; within a stack the plan's order holds.
        var results = new StackApplyResult[stacks.Count];
        await Parallel.ForAsync(
            0,
            stacks.Count,
            new ParallelOptions { MaxDegreeOfParallelism = options.MaxParallelStacks, CancellationToken = cancellationToken },
            async (i, token) => results[i] = await ApplyStackAsync(stacks[i], progress, pulled, retireInBackground, token));
        return ValueList.From(results);
    }

    public Task<StackApplyResult> ApplyStackAsync(StackPlan plan, IProgress<ApplyEvent>? progress, CancellationToken cancellationToken) =>
        ApplyStackAsync(plan, progress, null, false, cancellationToken);

    private async Task<StackApplyResult> ApplyStackAsync(
        StackPlan plan, IProgress<ApplyEvent>? progress, PulledImages? pulled, bool retireInBackground, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        if (plan.Action == StackAction.Suspended)
        {
            return new StackApplyResult(plan.Stack, ValueList.From(plan.Changes.Select(c =>
                new ResourceApplyResult(c.Kind, c.Name, ApplyStatus.Unchanged, "stack suspended"))));
        }
        var run = new StackRun(plan, progress ?? NoProgress.Instance) { Pulled = pulled, RetireInBackground = retireInBackground };
        var results = new ResourceApplyResult[plan.Changes.Count];
        // The services of a batch all begin at once, each waiting only for what the plan says of its dependencies, so
        // independent services and service_started chains start and pass their gates side by side. A batch ends only
        // when all of its changes have (a failing one rolls back on its own), before the next starts.
        foreach (var batch in plan.Batches)
        {
            await Task.WhenAll(batch.Select(i => ApplyInBatchAsync(run, plan.Changes[i], results, i, cancellationToken)));
            foreach (var result in batch.Select(i => results[i]).Where(r => r.Status >= ApplyStatus.RolledBack))
            {
                run.Failed.Add(result.Name);
                logger.LogWarning("{Stack}/{Resource}: {Status}: {Reason}", plan.Stack, result.Name, result.Status, result.Reason);
            }
        }
        await RetireLeftoversAsync(plan, cancellationToken);
        return new StackApplyResult(plan.Stack, ValueList.From(results));
    }

    private async Task ApplyInBatchAsync(StackRun run, ResourceChange change, ResourceApplyResult[] results, int index, CancellationToken cancellationToken)
    {
        try
        {
            results[index] = await ApplyOrKeepAsync(run, change, cancellationToken);
        }
        finally
        {
            run.Milestones.GetValueOrDefault(change.Name)?.Finish(results[index]);
        }
    }

    private async Task<ResourceApplyResult> ApplyOrKeepAsync(StackRun run, ResourceChange change, CancellationToken cancellationToken) =>
        change.Action == ChangeAction.NoOp
            ? new ResourceApplyResult(change.Kind, change.Name, ApplyStatus.Unchanged, change.Reason)
            : await ApplyChangeAsync(run, change, cancellationToken);

    private async Task<ResourceApplyResult> ApplyChangeAsync(StackRun run, ResourceChange change, CancellationToken cancellationToken)
    {
        try
        {
            return change switch
            {
                NetworkChange network => await ApplyNetworkAsync(run, network, cancellationToken),
                VolumeChange volume => await ApplyVolumeAsync(run, volume, cancellationToken),
                ServiceChange service => await ApplyServiceAsync(run, service, cancellationToken),
                _ => new ResourceApplyResult(change.Kind, change.Name, ApplyStatus.Failed, $"{change.Kind} is not a compose resource"),
            };
        }
        catch (Exception e) when (e is DockerApiException or ImagePullException or ImageBuildException or IOException or UnauthorizedAccessException or TimeoutException)
        {
            var message = EngineFailure.Describe((change as ServiceChange)?.Desired, e);
            run.Report(change.Name, ApplyPhase.Failed, message);
            return new ResourceApplyResult(change.Kind, change.Name, ApplyStatus.Failed, message);
        }
    }

    private async Task<ResourceApplyResult> ApplyNetworkAsync(StackRun run, NetworkChange change, CancellationToken cancellationToken)
    {
        // External networks are not the agent's: the planner never puts them in a plan.
        IReadOnlyList<DetachedEndpoint> detached = [];
        if (change.Action is ChangeAction.Delete or ChangeAction.Replace or ChangeAction.Update && change.Actual is not null)
        {
            run.Report(change.Name, ApplyPhase.Removing, change.Actual!.EngineName);
            detached = await _endpoints.DetachAllAsync(change.Actual.Id, change.Actual.EngineName, cancellationToken);
            await engine.Networks.RemoveAsync(change.Actual.Id, cancellationToken);
        }
        if (change.Action != ChangeAction.Delete && change.Desired is { } desired)
        {
            run.Report(change.Name, ApplyPhase.Creating, desired.EngineName);
            await engine.Networks.CreateAsync(new Docker.DotNet.Models.NetworksCreateParameters
            {
                Name = desired.EngineName,
                Driver = desired.Driver,
                Internal = desired.Internal,
                Options = desired.DriverOptions.ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal),
                Labels = NetworkLabels(desired, run.Plan.Stack),
                IPAM = NetworkIpamMapper.ToEngine(desired.Ipam)!,
            }, cancellationToken);
            await _endpoints.ReattachAsync(desired.EngineName, detached, cancellationToken);
        }
        run.Report(change.Name, ApplyPhase.Done);
        return new ResourceApplyResult(change.Kind, change.Name, ApplyStatus.Applied, change.Reason);
    }

    private Dictionary<string, string> NetworkLabels(NetworkSpec desired, string stack)
    {
        var labels = ResourceLabels(desired.Labels, stack, EngineLabels.Network, desired.Key);
        if (desired.Ipam is not null)
        {
            labels[NetworkIpamMapper.ConfiguredLabel] = "true";
        }
        return labels;
    }

    private async Task<ResourceApplyResult> ApplyVolumeAsync(StackRun run, VolumeChange change, CancellationToken cancellationToken)
    {
        // External volumes are not the agent's: the planner never puts them in a plan.
        if (change.Action is ChangeAction.Delete or ChangeAction.Replace or ChangeAction.Update && change.Actual is not null)
        {
            run.Report(change.Name, ApplyPhase.Removing, change.Actual!.EngineName);
            await engine.Volumes.RemoveAsync(change.Actual.EngineName, cancellationToken);
        }
        if (change.Action != ChangeAction.Delete && change.Desired is { } desired)
        {
            run.Report(change.Name, ApplyPhase.Creating, desired.EngineName);
            await engine.Volumes.CreateAsync(new Docker.DotNet.Models.VolumesCreateParameters
            {
                Name = desired.EngineName,
                Driver = desired.Driver,
                DriverOpts = desired.DriverOptions.ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal),
                Labels = ResourceLabels(desired.Labels, run.Plan.Stack, EngineLabels.Volume, desired.Key),
            }, cancellationToken);
        }
        run.Report(change.Name, ApplyPhase.Done);
        return new ResourceApplyResult(change.Kind, change.Name, ApplyStatus.Applied, change.Reason);
    }

    private Dictionary<string, string> ResourceLabels(ValueMap<string> user, string project, string keyLabel, string key) =>
        new(user, StringComparer.Ordinal)
        {
            [EngineLabels.Project] = project,
            [keyLabel] = key,
            [EngineLabels.Version] = EngineLabels.ComposeVersion,
            [EngineLabels.Managed] = "true",
            [EngineLabels.Owner] = options.Owner,
        };

    /// <summary>What one stack's run has learned so far: containers per service and which resources failed.</summary>
    private sealed class StackRun
    {
        public StackRun(StackPlan plan, IProgress<ApplyEvent> progress)
        {
            Plan = plan;
            Progress = progress;
            var compose = plan.Desired?.Compose;
            Project = compose?.Name ?? plan.Stack;
            WorkingDir = compose?.WorkingDir ?? "";
            ConfigFiles = compose is null ? []
                : compose.ConfigFiles.Count > 0 ? [.. compose.ConfigFiles]
                : [Path.Combine(compose.WorkingDir, "compose.yaml")];
            NetworkNames = compose?.Networks.ToDictionary(kv => kv.Key, kv => kv.Value.EngineName, StringComparer.Ordinal)
                ?? new Dictionary<string, string>(StringComparer.Ordinal);
            VolumeNames = compose?.Volumes.ToDictionary(kv => kv.Key, kv => kv.Value.EngineName, StringComparer.Ordinal)
                ?? new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var service in plan.Changes.OfType<ServiceChange>())
            {
                Containers[service.Name] = [.. service.Existing.Select(c => c.Id)];
                if (service.Desired is not null)
                {
                    Specs[service.Name] = service.Desired;
                }
            }
            Waits = plan.Waits;
            foreach (var service in Waits.Keys)
            {
                Milestones[service] = new ServiceMilestones();
            }
        }

        public StackPlan Plan { get; }
        public IProgress<ApplyEvent> Progress { get; }
        public string Project { get; }
        public string WorkingDir { get; }
        public IReadOnlyList<string> ConfigFiles { get; }
        public Dictionary<string, string> NetworkNames { get; }
        public Dictionary<string, string> VolumeNames { get; }

        /// <summary>The current containers of each service, updated as services are replaced (services of a level at once).</summary>
        public ConcurrentDictionary<string, List<string>> Containers { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, ServiceSpec> Specs { get; } = new(StringComparer.Ordinal);

        /// <summary>How far each service that runs containers got in this run, for the services that wait on it.</summary>
        public Dictionary<string, ServiceMilestones> Milestones { get; } = new(StringComparer.Ordinal);

        /// <summary>Per service: the services of its batch it waits for before it starts, and for what (the plan's decision).</summary>
        public IReadOnlyDictionary<string, IReadOnlyList<(string Service, DependencyWait Wait)>> Waits { get; }

        /// <summary>Its containers run: a dependent waiting only for that may start now.</summary>
        public void MarkStarted(string service) => Milestones.GetValueOrDefault(service)?.MarkStarted();

        /// <summary>Services that failed in an earlier batch (written between batches only).</summary>
        public HashSet<string> Failed { get; } = new(StringComparer.Ordinal);

        /// <summary>What the pass's pull stage did; null when the apply pulls for itself.</summary>
        public PulledImages? Pulled { get; init; }

        /// <summary>Whether old containers of start-first replaces are stopped after the apply returns (the daemon's pass).</summary>
        public bool RetireInBackground { get; init; }

        public void Report(string resource, ApplyPhase phase, string? detail = null, long? current = null, long? total = null) =>
            Progress.Report(new ApplyEvent(Plan.Stack, resource, phase, detail, current, total));
    }

    private sealed class NoProgress : IProgress<ApplyEvent>
    {
        public static readonly NoProgress Instance = new();

        public void Report(ApplyEvent value)
        {
        }
    }
}
