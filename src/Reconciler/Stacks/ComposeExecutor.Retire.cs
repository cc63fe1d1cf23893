using System.Collections.Concurrent;
using System.Net;
using GitOps.Reconciler.Actual;
using GitOps.Reconciler.Apply;
using GitOps.Reconciler.Planning;
using Microsoft.Extensions.Logging;

namespace GitOps.Reconciler.Stacks;

public sealed partial class ComposeExecutor
{
    /// <summary>Old containers of start-first replaces being stopped after their pass's apply returned, by id.</summary>
    private readonly ConcurrentDictionary<string, Task> _retiring = new(StringComparer.Ordinal);

    /// <summary>Completes when every old container this executor is stopping in the background is gone.</summary>
    public Task RetiredAsync() => Task.WhenAll(_retiring.Values);

    /// <summary>
    /// Stops and removes the old containers a start-first replace renamed out of the way: in the daemon's pass after the
    /// apply returns (they already serve nothing the new ones do not), otherwise before.
    /// </summary>
    private async Task RetireAsync(StackRun run, string service, IReadOnlyList<ActualContainer> retiring, CancellationToken cancellationToken)
    {
        foreach (var old in retiring)
        {
            if (!run.RetireInBackground)
            {
                run.Report(service, ApplyPhase.Removing, "stop " + old.Id[..Math.Min(12, old.Id.Length)]);
                await StopAndRemoveAsync(old, cancellationToken);
                continue;
            }
            // Not the pass's token: the pass is over by the time the stop grace ends. A kill leaves the container under
            // its retiring name, which the next plan lists (StackPlan.Retiring) and the next apply removes.
            _retiring[old.Id] = Task.Run(async () =>
            {
                try
                {
                    await StopAndRemoveAsync(old, CancellationToken.None);
                }
                catch (Exception e) when (e is Docker.DotNet.DockerApiException or IOException or HttpRequestException)
                {
                    logger.LogWarning("{Stack}/{Service}: stopping the replaced container {Container} failed: {Reason}; the next pass removes it",
                        run.Plan.Stack, service, old.Name, e.Message);
                }
                finally
                {
                    _retiring.TryRemove(old.Id, out _);
                }
            }, CancellationToken.None);
        }
    }

    /// <summary>Retiring containers the plan found that no retirement of this executor is stopping (left by a killed pass).</summary>
    private async Task RetireLeftoversAsync(StackPlan plan, CancellationToken cancellationToken)
    {
        foreach (var old in plan.Retiring.Where(c => !_retiring.ContainsKey(c.Id)))
        {
            await StopAndRemoveAsync(old, cancellationToken);
        }
    }

    private async Task StopAndRemoveAsync(ActualContainer old, CancellationToken cancellationToken)
    {
        try
        {
            if (old.Running)
            {
                await engine.Containers.StopAsync(old.Id, old.Spec?.StopGracePeriod ?? options.DefaultStopTimeout, cancellationToken);
            }
            await engine.Containers.RemoveAsync(old.Id, force: true, cancellationToken);
        }
        catch (Docker.DotNet.DockerApiException e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            // Already gone: removed by another pass or by hand.
        }
    }
}
