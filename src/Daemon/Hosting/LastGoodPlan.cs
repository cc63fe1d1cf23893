using GitOps.Reconciler.Configuration;
using GitOps.Reconciler.Reconciliation;
using GitOps.Reconciler.Reporting.Drift;
using GitOps.Reconciler.Repository;
using GitOps.Reconciler.SelfHeal;

namespace GitOps.Daemon.Hosting;

/// <summary>What the drift monitor compares the host with: the last good revision, planned against the engine.</summary>
public sealed class LastGoodPlan(AgentConfig config, ReconcileCycle cycle, IHostReconciler reconciler)
{
    /// <summary>The plan of the last good revision (nothing applied); null before the first good reconcile.</summary>
    public async Task<CurrentPlan?> PlanAsync(CancellationToken cancellationToken)
    {
        if (cycle.LastGood is not { } good)
        {
            return null;
        }
        var planned = await reconciler.PlanAsync(new RepoDirectory(good.Tree.Directory), config.Host, good.Commit, fullDrift: false, cancellationToken);
        return planned.Plan is { } plan
            ? new CurrentPlan(plan, new DriftRevision(config.Repo.Ref.ToString(), good.Commit, good.Verified))
            : null;
    }
}
