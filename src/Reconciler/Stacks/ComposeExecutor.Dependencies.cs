using GitOps.Reconciler.Apply;
using GitOps.Reconciler.Planning;

namespace GitOps.Reconciler.Stacks;

public sealed partial class ComposeExecutor
{
    /// <summary>
    /// Before a service does anything: waits for what the plan says of each dependency in its batch (its containers run,
    /// or it passed its gate). Null when met; otherwise the dependency that ended without getting there.
    /// </summary>
    private static async Task<string?> AwaitDependenciesAsync(StackRun run, ServiceChange change, CancellationToken cancellationToken)
    {
        foreach (var (dependency, wait) in run.Waits[change.Name])
        {
            var milestones = run.Milestones[dependency];
            var reached = wait == DependencyWait.Started ? milestones.Started.IsCompleted : milestones.Finished.IsCompleted;
            if (!reached)
            {
                run.Report(change.Name, ApplyPhase.WaitingForDependency, wait == DependencyWait.Started ? $"{dependency} to start" : $"{dependency} to pass its gate");
            }
            var met = wait == DependencyWait.Started
                ? await milestones.Started.WaitAsync(cancellationToken)
                : Passed(await milestones.Finished.WaitAsync(cancellationToken));
            if (!met)
            {
                return dependency;
            }
        }
        return null;
    }

    /// <summary>
    /// After a service passed its own gate: each dependency it started beside (<see cref="DependencyWait.Started"/>) must
    /// pass its gate too before the service counts as converged. Null when all did; otherwise why the first did not.
    /// </summary>
    private static async Task<string?> ConfirmDependenciesAsync(StackRun run, ServiceChange change, CancellationToken cancellationToken)
    {
        foreach (var (dependency, _) in run.Waits[change.Name].Where(w => w.Wait == DependencyWait.Started))
        {
            var finished = run.Milestones[dependency].Finished;
            if (!finished.IsCompleted)
            {
                run.Report(change.Name, ApplyPhase.WaitingForDependency, $"{dependency} to pass its gate");
            }
            var result = await finished.WaitAsync(cancellationToken);
            if (!Passed(result))
            {
                return $"dependency {dependency} failed: {result.Reason}";
            }
        }
        return null;
    }

    private static bool Passed(ResourceApplyResult result) => result.Status is ApplyStatus.Applied or ApplyStatus.Unchanged;

    /// <summary>How far one service of a running batch got, for the services that wait on it.</summary>
    private sealed class ServiceMilestones
    {
        private readonly TaskCompletionSource<bool> _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource<ResourceApplyResult> _finished = new(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>True once its containers run; false when it ended without starting them (failed before).</summary>
        public Task<bool> Started => _started.Task;

        /// <summary>Its result, once it passed its gate or failed.</summary>
        public Task<ResourceApplyResult> Finished => _finished.Task;

        public void MarkStarted() => _started.TrySetResult(true);

        public void Finish(ResourceApplyResult? result)
        {
            if (result is null)
            {
                // Cancelled or broken before a result: the waiters end too rather than hang.
                _started.TrySetCanceled();
                _finished.TrySetCanceled();
                return;
            }
            _started.TrySetResult(Passed(result));
            _finished.TrySetResult(result);
        }
    }
}
