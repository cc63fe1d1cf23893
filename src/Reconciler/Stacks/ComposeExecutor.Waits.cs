using GitOps.Reconciler.Apply;
using GitOps.Reconciler.Compose;
using GitOps.Reconciler.Planning;

namespace GitOps.Reconciler.Stacks;

public sealed partial class ComposeExecutor
{
    /// <summary>Null when the container passed the gate the plan gave it; otherwise why not.</summary>
    private async Task<string?> GateAsync(StackRun run, ServiceSpec spec, ServiceGate gate, string id, CancellationToken cancellationToken)
    {
        var health = gate == ServiceGate.Healthy && spec.Healthcheck is { Disabled: false } h ? h : null;
        var deadline = time.GetUtcNow() + (health?.GateTimeout ?? options.SettlePeriod);
        // The settle period is a gate too: the report says so (converging, at this step) rather than "start".
        run.Report(spec.Name, ApplyPhase.WaitingForHealth, health is not null
            ? $"up to {health.GateTimeout.TotalSeconds:0}s"
            : $"settle period {options.SettlePeriod.TotalSeconds:0}s (no healthcheck)");
        using var watch = Changes?.Watch(id);
        while (true)
        {
            var changed = watch?.Next();
            var state = (await engine.Containers.InspectAsync(id, cancellationToken))?.State;
            if (state is null)
            {
                return "container disappeared";
            }
            if (!state.Running && !state.Restarting && state.ExitCode == 0 && gate == ServiceGate.RunningOrCompleted)
            {
                // A one-shot job that finished successfully has done what it is for.
                return null;
            }
            if (!state.Running || state.Restarting)
            {
                return $"container exited with code {state.ExitCode}" + (string.IsNullOrEmpty(state.Error) ? "" : ": " + state.Error);
            }
            if (health is not null)
            {
                switch (state.Health?.Status)
                {
                    case "healthy":
                        return null;
                    case "unhealthy":
                        return "unhealthy: " + LastHealthOutput(state);
                }
            }
            if (time.GetUtcNow() >= deadline)
            {
                return health is null ? null : $"not healthy within {health.GateTimeout.TotalSeconds:0}s: " + LastHealthOutput(state);
            }
            await PauseAsync(changed, cancellationToken);
        }
    }

    private static string LastHealthOutput(Docker.DotNet.Models.State state)
    {
        var last = state.Health?.Log?.LastOrDefault();
        return last is null ? "no healthcheck result yet" : $"exit {last.ExitCode}: {last.Output?.Trim()}";
    }

    /// <summary>Waits for every depends_on condition of <paramref name="spec"/>; null when met, otherwise why not.</summary>
    private async Task<string?> WaitForDependenciesAsync(StackRun run, ServiceSpec spec, CancellationToken cancellationToken)
    {
        foreach (var (service, dependency) in spec.DependsOn)
        {
            var ids = run.Containers.GetValueOrDefault(service) ?? [];
            if (ids.Count == 0)
            {
                if (!dependency.Required)
                {
                    continue;
                }
                return $"dependency {service} has no container";
            }
            run.Report(spec.Name, ApplyPhase.WaitingForDependency, $"{service} {Engine.ContainerSpecMapper.Condition(dependency.Condition)}");
            var timeout = dependency.Condition == DependencyCondition.ServiceHealthy
                && run.Specs.GetValueOrDefault(service)?.Healthcheck is { Disabled: false } health
                ? health.GateTimeout
                : options.DependencyTimeout;
            foreach (var id in ids)
            {
                var failure = await WaitForConditionAsync(id, dependency.Condition, timeout, cancellationToken);
                if (failure is not null)
                {
                    return $"dependency {service}: {failure}";
                }
            }
        }
        return null;
    }

    private async Task<string?> WaitForConditionAsync(string id, DependencyCondition condition, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var watch = Changes?.Watch(id);
        var deadline = time.GetUtcNow() + timeout;
        while (true)
        {
            var changed = watch?.Next();
            var state = (await engine.Containers.InspectAsync(id, cancellationToken))?.State;
            if (state is null)
            {
                return "container is gone";
            }
            switch (condition)
            {
                case DependencyCondition.ServiceStarted when state.Running:
                case DependencyCondition.ServiceHealthy when state.Health?.Status == "healthy":
                case DependencyCondition.ServiceCompletedSuccessfully when state.Status == "exited" && state.ExitCode == 0:
                    return null;
                case DependencyCondition.ServiceCompletedSuccessfully when state.Status == "exited":
                    return $"exited with code {state.ExitCode}";
                case DependencyCondition.ServiceHealthy when state.Health?.Status == "unhealthy":
                    return "unhealthy";
                case DependencyCondition.ServiceHealthy when state.Health is null:
                    return "has no healthcheck";
            }
            if (time.GetUtcNow() >= deadline)
            {
                return $"not {Engine.ContainerSpecMapper.Condition(condition)} within {timeout.TotalSeconds:0}s";
            }
            await PauseAsync(changed, cancellationToken);
        }
    }

    /// <summary>The pause between two inspects of a wait: the poll interval, ended early by an event of the container.</summary>
    private async Task PauseAsync(Task? changed, CancellationToken cancellationToken)
    {
        if (changed is null)
        {
            await Task.Delay(options.PollInterval, time, cancellationToken);
            return;
        }
        using var pause = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var delay = Task.Delay(options.PollInterval, time, pause.Token);
        await Task.WhenAny(changed, delay);
        // Ends the poll interval's timer when the event came first.
        await pause.CancelAsync();
        cancellationToken.ThrowIfCancellationRequested();
    }
}
