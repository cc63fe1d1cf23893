using GitOps.Reconciler.Planning;

namespace GitOps.Reconciler.Reporting.Drift;

/// <summary>
/// Tells changed in git from changed on the host. For a service the config-hash label decides: a container
/// built from another spec than the desired one was changed in git; the same spec with other differences
/// (stopped, removed, another image id, a network removed by hand) was changed on the host. Where no hash
/// can tell (replica counts, networks, volumes, missing or extra resources), the previous report does:
/// a resource that was present (or in sync) at the same commit and no longer is was changed on the host.
/// </summary>
internal sealed class DriftCauses(DriftRevision? revision, DriftReport? report, IReadOnlyDictionary<string, DriftResource> previous)
{
    private static readonly ResourceStatus[] Present = [ResourceStatus.InSync, ResourceStatus.Drifted, ResourceStatus.RolledBack];

    private bool SameCommit =>
        revision is not null && report?.Revision is { } before && string.Equals(before.Commit, revision.Commit, StringComparison.Ordinal);

    public DriftCause Of(DriftKind kind, ResourceChange change)
    {
        var before = previous.GetValueOrDefault($"{kind}/{change.Stack}/{change.Name}");
        if (change.Reason == PlanReasons.RolledBack)
        {
            return DriftCause.Git;
        }
        return change.Action switch
        {
            ChangeAction.Create => before is not null && Present.Contains(before.Status) ? DriftCause.Host : DriftCause.Git,
            ChangeAction.Delete => report is not null && SameCommit && before is null ? DriftCause.Host : DriftCause.Git,
            _ when change is ServiceChange service => OfService(service, before),
            _ => Unexplained(before),
        };
    }

    private DriftCause OfService(ServiceChange service, DriftResource? before)
    {
        if (service.DesiredConfigHash is { } hash && service.Existing.Any(c => !string.Equals(c.ConfigHash, hash, StringComparison.Ordinal)))
        {
            return DriftCause.Git;
        }
        return service.Fields.Count > 0 && service.Fields.All(f => f.Field == "replicas") ? Unexplained(before) : DriftCause.Host;
    }

    /// <summary>Kept while the resource stays drifted; on the host if it was in sync at the same commit; otherwise git.</summary>
    private DriftCause Unexplained(DriftResource? before)
    {
        if (before?.Cause is { } known && before.Differs)
        {
            return known;
        }
        return SameCommit && before?.Status == ResourceStatus.InSync ? DriftCause.Host : DriftCause.Git;
    }
}
