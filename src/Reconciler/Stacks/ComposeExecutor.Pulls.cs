using System.Runtime.ExceptionServices;
using GitOps.Reconciler.Apply;
using GitOps.Reconciler.Common;
using GitOps.Reconciler.Compose;
using GitOps.Reconciler.Engine;
using GitOps.Reconciler.Planning;

namespace GitOps.Reconciler.Stacks;

public sealed partial class ComposeExecutor
{
    /// <summary>
    /// The pull stage of a pass: every image the plan's service changes need, made present as its pull policy says,
    /// one at a time, before anything is applied. It changes no container, so it runs outside the host lock and
    /// self-heal is not kept waiting by a slow registry. Images built on the host are left to the apply.
    /// </summary>
    public async Task<PulledImages> PullAsync(IEnumerable<StackPlan> stacks, IProgress<ApplyEvent>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stacks);
        var present = new HashSet<string>(StringComparer.Ordinal);
        var failed = new Dictionary<string, Exception>(StringComparer.Ordinal);
        foreach (var stack in stacks.Where(s => s.Action != StackAction.Suspended))
        {
            var run = new StackRun(stack, progress ?? NoProgress.Instance);
            var needed = stack.Changes.OfType<ServiceChange>()
                .Where(c => c.Action is not (ChangeAction.NoOp or ChangeAction.Delete) && c.Desired is { Build: null, PullPolicy: not PullPolicy.Never });
            foreach (var spec in needed.Select(c => c.Desired!))
            {
                if (present.Contains(spec.Image) || failed.ContainsKey(spec.Image))
                {
                    continue;
                }
                try
                {
                    await EnsureImageAsync(run, spec, cancellationToken);
                    present.Add(spec.Image);
                }
                catch (Exception e) when (e is Docker.DotNet.DockerApiException or ImagePullException or IOException or TimeoutException)
                {
                    failed[spec.Image] = e;
                }
            }
        }
        return new PulledImages(present, failed);
    }

    /// <summary>An image the pull stage made present is used as it is; one whose pull failed fails the same way now.</summary>
    private async Task<string?> PulledBeforeAsync(StackRun run, ServiceSpec spec, CancellationToken cancellationToken)
    {
        if (run.Pulled is not { } pulled)
        {
            return null;
        }
        if (pulled.Failed.TryGetValue(spec.Image, out var failure))
        {
            ExceptionDispatchInfo.Throw(failure);
        }
        return pulled.Present.Contains(spec.Image) ? (await engine.Images.InspectAsync(spec.Image, cancellationToken))?.ID : null;
    }
}
