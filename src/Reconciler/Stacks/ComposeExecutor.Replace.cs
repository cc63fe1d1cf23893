using GitOps.Reconciler.Actual;
using GitOps.Reconciler.Apply;
using GitOps.Reconciler.Compose;
using GitOps.Reconciler.Engine;
using GitOps.Reconciler.Planning;

namespace GitOps.Reconciler.Stacks;

public sealed partial class ComposeExecutor
{
    /// <summary>
    /// Replace every container as the plan's steps say, in the plan's order. New containers are created beside the old
    /// ones (temporary names) and started and gated one after the other; stop-first stops each old container just before
    /// its replacement starts, start-first leaves it running. Only when all pass are the old ones stopped (start-first)
    /// and removed and the new ones renamed; otherwise the new ones are removed and the old ones that were stopped are
    /// started again, so a start-first service never had its old containers stopped at all. When the plan asks for a
    /// preflight, device requests or a runtime the engine cannot serve are found before anything is stopped.
    /// </summary>
    private async Task<ResourceApplyResult> ReplaceAsync(
        StackRun run, ServiceChange change, ServiceSpec spec, ContainerContext context, CancellationToken cancellationToken)
    {
        var steps = change.Containers;
        var replacements = new List<Replacement>();
        var before = run.Containers[spec.Name];
        try
        {
            if (change.Preflight)
            {
                await PreflightDevicesAsync(run, spec, context, cancellationToken);
            }
            var failed = await StartReplacementsAsync(run, change, spec, context, steps, replacements, cancellationToken);
            if (failed is not null)
            {
                run.Containers[spec.Name] = before;
                return failed;
            }
        }
        catch (Exception e) when (e is Docker.DotNet.DockerApiException or IOException)
        {
            // Whatever broke midway, the old containers come back.
            await UndoAsync(run, spec, replacements);
            run.Containers[spec.Name] = before;
            var message = EngineFailure.Describe(spec, e);
            run.Report(spec.Name, ApplyPhase.Failed, message);
            return Result(change, ApplyStatus.Failed, message);
        }
        if (await ConfirmDependenciesAsync(run, change, cancellationToken) is { } dependencyFailed)
        {
            // Started beside a dependency that then failed its gate: the old containers come back, as for its own failure.
            // Nothing is held: this spec did not fail, it is tried again with its dependency.
            run.Report(spec.Name, ApplyPhase.RollingBack, dependencyFailed);
            await UndoAsync(run, spec, replacements);
            run.Containers[spec.Name] = before;
            run.Report(spec.Name, ApplyPhase.Failed, "rolled back: " + dependencyFailed);
            return Result(change, ApplyStatus.RolledBack, dependencyFailed);
        }
        var retiring = new List<ActualContainer>();
        foreach (var replacement in replacements.Where(r => r.Old is not null))
        {
            var old = replacement.Old!;
            if (old.Running && !replacement.OldStopped)
            {
                // Start-first: the new container already serves. The old one only makes way (renamed, a step that takes
                // no time) and is stopped after, so its stop grace delays neither the service's converged state nor the report.
                await engine.Containers.RenameAsync(old.Id, ServiceSteps.RetiringName(old.Name, old.Id), cancellationToken);
                retiring.Add(old);
            }
            else
            {
                await engine.Containers.RemoveAsync(old.Id, force: true, cancellationToken);
            }
            await engine.Containers.RenameAsync(replacement.New, replacement.Name, cancellationToken);
        }
        // Every other old container goes, including extra replicas and leftovers of an interrupted run.
        await RemoveContainersAsync(run, spec.Name, Removed(steps), cancellationToken);
        run.Containers[spec.Name] = [.. replacements.Select(r => r.New)];
        run.Report(spec.Name, ApplyPhase.Done);
        await RetireAsync(run, spec.Name, retiring, cancellationToken);
        return Result(change, ApplyStatus.Applied, change.Reason) with { AppliedConfigHash = context.ConfigHash };
    }

    /// <summary>Creates, starts and gates the new containers; returns the result when that failed and was undone.</summary>
    private async Task<ResourceApplyResult?> StartReplacementsAsync(
        StackRun run, ServiceChange change, ServiceSpec spec, ContainerContext context, IReadOnlyList<ContainerStep> steps,
        List<Replacement> replacements, CancellationToken cancellationToken)
    {
        var startFirst = change.Order?.Order == UpdateOrder.StartFirst;
        var dependenciesMet = false;
        var toStart = steps.Where(s => s.Action is ContainerAction.Replace or ContainerAction.Create).ToList();
        foreach (var step in toStart)
        {
            var id = await CreateContainerAsync(run, spec, context with { Number = step.Number, ContainerName = step.CreateAs }, cancellationToken);
            var replacement = new Replacement(step.Existing, id, step.Name);
            replacements.Add(replacement);
            if (!dependenciesMet)
            {
                var waited = await WaitForDependenciesAsync(run, spec, cancellationToken);
                if (waited is not null)
                {
                    await UndoAsync(run, spec, replacements);
                    return Result(change, ApplyStatus.Failed, waited);
                }
                dependenciesMet = true;
            }
            if (!startFirst && replacement.Old is { Running: true } old)
            {
                // Marked before the call: a stop that fails halfway still gets its container started again.
                replacement.OldStopped = true;
                await StopAsync(run, spec.Name, old.Id, old.Spec?.StopGracePeriod, cancellationToken);
            }
            run.Report(spec.Name, ApplyPhase.Starting, startFirst && step.Existing is { } beside ? $"{step.CreateAs} beside {beside.Name}" : step.CreateAs);
            await engine.Containers.StartAsync(id, cancellationToken);
            if (step == toStart[^1])
            {
                // Dependents that only need this service started (and checked as running) may begin beside its gate.
                run.Containers[spec.Name] = [.. replacements.Select(r => r.New)];
                run.MarkStarted(spec.Name);
            }
            var failure = await GateAsync(run, spec, change.Gate ?? ServiceGate.Running, id, cancellationToken);
            if (failure is not null)
            {
                // What the failed container said goes into the report and history before the undo removes it.
                var evidence = await EvidenceAsync(spec, id);
                run.Report(spec.Name, ApplyPhase.RollingBack, failure);
                await UndoAsync(run, spec, replacements);
                run.Report(spec.Name, ApplyPhase.Failed, "rolled back: " + failure);
                return evidence(Result(change, ApplyStatus.RolledBack, failure, change.HoldOnFailure));
            }
        }
        return null;
    }

    /// <summary>Remove what a failed replace created and start again the old containers it stopped.</summary>
    private async Task UndoAsync(StackRun run, ServiceSpec spec, List<Replacement> replacements)
    {
        // Not cancellable: a half-undone replace would leave the service down.
        foreach (var replacement in replacements)
        {
            await engine.Containers.RemoveAsync(replacement.New, force: true, CancellationToken.None);
            if (replacement.OldStopped)
            {
                run.Report(spec.Name, ApplyPhase.Starting, replacement.Old!.Name);
                await engine.Containers.StartAsync(replacement.Old.Id, CancellationToken.None);
            }
        }
    }

    /// <summary>A new container created in place of <see cref="Old"/> (null for an added replica), to be renamed <see cref="Name"/>.</summary>
    private sealed class Replacement(ActualContainer? old, string newId, string name)
    {
        public ActualContainer? Old { get; } = old;

        public string New { get; } = newId;

        public string Name { get; } = name;

        /// <summary>Whether this replace stopped the old container (stop-first), so a rollback starts it again.</summary>
        public bool OldStopped { get; set; }
    }
}
