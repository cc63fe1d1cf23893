using GitOps.Reconciler.Actual;
using GitOps.Reconciler.Apply;
using GitOps.Reconciler.Compose;
using GitOps.Reconciler.Engine;
using GitOps.Reconciler.Planning;

namespace GitOps.Reconciler.Stacks;

public sealed partial class ComposeExecutor
{
    private async Task<ResourceApplyResult> ApplyServiceAsync(StackRun run, ServiceChange change, CancellationToken cancellationToken)
    {
        if (change.Action == ChangeAction.Delete || change.Desired is null)
        {
            await RemoveContainersAsync(run, change.Name, Removed(change.Containers), cancellationToken);
            run.Containers[change.Name] = [];
            DeleteGrantFiles(run.Project, change.Name);
            run.Report(change.Name, ApplyPhase.Done);
            return Result(change, ApplyStatus.Applied, change.Reason);
        }
        var spec = change.Desired;
        var hash = ServiceSteps.ConfigHash(change);
        var failedDependency = spec.DependsOn.Keys.FirstOrDefault(run.Failed.Contains);
        if (failedDependency is not null)
        {
            run.Report(change.Name, ApplyPhase.Failed, $"dependency {failedDependency} failed");
            return Result(change, ApplyStatus.Failed, $"not applied: dependency {failedDependency} failed");
        }
        var unmet = await AwaitDependenciesAsync(run, change, cancellationToken);
        if (unmet is not null)
        {
            run.Report(change.Name, ApplyPhase.Failed, $"dependency {unmet} failed");
            return Result(change, ApplyStatus.Failed, $"not applied: dependency {unmet} failed");
        }

        // Pull before anything is stopped: a pull failure leaves the old containers running.
        var imageId = await EnsureImageAsync(run, spec, cancellationToken);
        var grantFiles = await WriteGrantFilesAsync(run, spec, cancellationToken);
        var context = new ContainerContext(
            run.Project, run.WorkingDir, run.ConfigFiles, 0, "", hash, imageId, run.NetworkNames, run.VolumeNames, grantFiles)
        {
            Owner = options.Owner,
        };
        EnsureBindSources(spec);

        var result = change.Action == ChangeAction.Replace
            ? await ReplaceAsync(run, change, spec, context, cancellationToken)
            : await ConvergeAsync(run, change, spec, context, cancellationToken);
        if (result.Status == ApplyStatus.Applied)
        {
            DeleteStaleSecretFiles(SecretsDirectory(run.Project, change.Name), grantFiles.Values);
        }
        return result;
    }

    /// <summary>
    /// Create or Update: the spec is right. As the plan's steps say, kept containers stay (and are started when
    /// stopped, reconnected to networks they left, renamed when left under a temporary name), new ones are added
    /// with the numbers the plan gave them, and the rest are removed.
    /// </summary>
    private async Task<ResourceApplyResult> ConvergeAsync(
        StackRun run, ServiceChange change, ServiceSpec spec, ContainerContext context, CancellationToken cancellationToken)
    {
        var steps = change.Containers;
        var kept = steps.Where(s => s.Action is ContainerAction.Keep or ContainerAction.Start).ToList();
        var current = kept.Select(s => s.Existing!.Id).ToList();
        var toStart = kept.Where(s => s.Action == ContainerAction.Start).Select(s => s.Existing!.Id).ToList();
        foreach (var step in steps.Where(s => s.Action == ContainerAction.Create))
        {
            var id = await CreateContainerAsync(run, spec, context with { Number = step.Number, ContainerName = step.Name }, cancellationToken);
            current.Add(id);
            toStart.Add(id);
        }
        run.Containers[spec.Name] = current;
        await ReconnectAsync(run, spec, context, kept, cancellationToken);
        await RemoveContainersAsync(run, spec.Name, Removed(steps), cancellationToken);
        foreach (var step in kept.Where(s => s.Rename))
        {
            // Left under its temporary name by a replace interrupted after the old container went: it gets its own name back.
            run.Report(spec.Name, ApplyPhase.Creating, "rename " + step.Existing!.Name);
            await engine.Containers.RenameAsync(step.Existing.Id, step.Name, cancellationToken);
        }
        if (toStart.Count > 0)
        {
            var waited = await WaitForDependenciesAsync(run, spec, cancellationToken);
            if (waited is not null)
            {
                return Result(change, ApplyStatus.Failed, waited);
            }
        }
        foreach (var id in toStart)
        {
            run.Report(spec.Name, ApplyPhase.Starting, id[..12]);
            await engine.Containers.StartAsync(id, cancellationToken);
            if (id == toStart[^1])
            {
                run.MarkStarted(spec.Name);
            }
            var failure = await GateAsync(run, spec, change.Gate ?? ServiceGate.Running, id, cancellationToken);
            if (failure is not null)
            {
                // Nothing to roll back to: a new spec is held so it is not retried until the repo changes; the spec the
                // service already ran (a self-heal restart interrupted by hand) is retried with backoff, never held.
                var evidence = await EvidenceAsync(spec, id);
                run.Report(spec.Name, ApplyPhase.Failed, failure);
                return evidence(Result(change, ApplyStatus.Failed, failure, change.HoldOnFailure));
            }
        }
        if (toStart.Count > 0 && await ConfirmDependenciesAsync(run, change, cancellationToken) is { } dependencyFailed)
        {
            // Started beside a dependency that then failed its gate: back to what the service was before this pass.
            run.Report(spec.Name, ApplyPhase.RollingBack, dependencyFailed);
            await TakeDownAsync(run, spec, toStart, kept, cancellationToken);
            var reason = dependencyFailed + "; what this pass started of it was taken down again";
            run.Report(spec.Name, ApplyPhase.Failed, reason);
            return Result(change, ApplyStatus.Failed, reason);
        }
        run.Report(spec.Name, ApplyPhase.Done);
        // Containers of the previous spec started again after a rollback: the held spec stays held.
        var keepHold = change.KeepHold;
        return Result(change, ApplyStatus.Applied, change.Reason, keepHold) with { AppliedConfigHash = keepHold is null ? context.ConfigHash : null };
    }

    /// <summary>Removes the containers this pass created and stops again the kept ones it started.</summary>
    private async Task TakeDownAsync(StackRun run, ServiceSpec spec, IReadOnlyList<string> started, IReadOnlyList<ContainerStep> kept, CancellationToken cancellationToken)
    {
        var existing = kept.Select(s => s.Existing!.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var id in started)
        {
            if (existing.Contains(id))
            {
                await StopAsync(run, spec.Name, id, spec.StopGracePeriod, cancellationToken);
            }
            else
            {
                run.Report(spec.Name, ApplyPhase.Removing, id[..12]);
                await engine.Containers.RemoveAsync(id, force: true, cancellationToken);
            }
        }
        run.Containers[spec.Name] = [.. existing];
    }

    private static IEnumerable<ActualContainer> Removed(IEnumerable<ContainerStep> steps) =>
        steps.Where(s => s.Action == ContainerAction.Remove).Select(s => s.Existing!);

    /// <summary>Connects kept containers again to the service's networks they left (as the plan lists them), with their aliases.</summary>
    private async Task ReconnectAsync(
        StackRun run, ServiceSpec spec, ContainerContext context, IEnumerable<ContainerStep> kept, CancellationToken cancellationToken)
    {
        foreach (var step in kept)
        {
            foreach (var key in step.Reconnect)
            {
                var (network, endpoint) = ContainerSpecMapper.Attachment(spec, key, context);
                run.Report(spec.Name, ApplyPhase.Starting, $"connect {step.Existing!.Name} to {network}");
                await engine.Networks.ConnectAsync(network, step.Existing.Id, endpoint, cancellationToken);
            }
        }
    }

    private async Task<string> CreateContainerAsync(StackRun run, ServiceSpec spec, ContainerContext context, CancellationToken cancellationToken)
    {
        run.Report(spec.Name, ApplyPhase.Creating, context.ContainerName);
        var parameters = ContainerSpecMapper.ToCreateParameters(spec, context);
        string id;
        try
        {
            id = await engine.Containers.CreateAsync(parameters, cancellationToken);
        }
        catch (Docker.DotNet.DockerApiException e) when (e.StatusCode == System.Net.HttpStatusCode.Conflict
            && context.ContainerName.EndsWith("_" + context.ConfigHash[..12], StringComparison.Ordinal))
        {
            // A temporary container left by an interrupted replace: it is ours and never passed its gate in this run, so it goes
            // (a start-first one may be running beside the old container; that one was never stopped).
            await engine.Containers.RemoveAsync(context.ContainerName, force: true, cancellationToken);
            id = await engine.Containers.CreateAsync(parameters, cancellationToken);
        }
        foreach (var (network, endpoint) in ContainerSpecMapper.AdditionalNetworks(spec, context))
        {
            await engine.Networks.ConnectAsync(network, id, endpoint, cancellationToken);
        }
        return id;
    }

    private async Task StopAsync(StackRun run, string service, string id, TimeSpan? grace, CancellationToken cancellationToken)
    {
        run.Report(service, ApplyPhase.Removing, "stop " + id[..Math.Min(12, id.Length)]);
        await engine.Containers.StopAsync(id, grace ?? options.DefaultStopTimeout, cancellationToken);
    }

    private async Task RemoveContainersAsync(StackRun run, string service, IEnumerable<ActualContainer> containers, CancellationToken cancellationToken)
    {
        foreach (var container in containers)
        {
            if (container.Running)
            {
                await StopAsync(run, service, container.Id, container.Spec?.StopGracePeriod, cancellationToken);
            }
            run.Report(service, ApplyPhase.Removing, container.Name);
            await engine.Containers.RemoveAsync(container.Id, force: true, cancellationToken);
        }
    }

    /// <summary>
    /// The exit code and last log lines (secrets masked) of a container that failed its gate, read while it still
    /// exists; never fails the apply (the evidence is for people, the failure is what counts).
    /// </summary>
    private async Task<Func<ResourceApplyResult, ResourceApplyResult>> EvidenceAsync(ServiceSpec spec, string id)
    {
        try
        {
            var inspect = await engine.Containers.InspectAsync(id, CancellationToken.None);
            var exitCode = inspect?.State is { Running: false } state ? (int?)state.ExitCode : null;
            var lines = await engine.Containers.LogsAsync(id, DockerProbe.LogLines, CancellationToken.None);
            var logs = Common.ValueList.From(Common.SecretMask.Lines(lines, spec.Environment, spec.SensitiveEnvironment));
            return result => result with { ExitCode = exitCode, Logs = logs };
        }
        catch (Exception e) when (e is Docker.DotNet.DockerApiException or IOException or HttpRequestException)
        {
            return result => result;
        }
    }

    private static ResourceApplyResult Result(ServiceChange change, ApplyStatus status, string reason, string? failedHash = null) =>
        new(ResourceKind.Container, change.Name, status, reason, failedHash);
}
