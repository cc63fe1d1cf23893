namespace GitOps.Reconciler.Tasks;

/// <summary>The fires of fleet tasks as the fleet store records them: written by the host that fired, read by every host.</summary>
public interface IFleetTaskRuns
{
    Task RecordAsync(FleetTaskRun run, CancellationToken cancellationToken);

    /// <summary>The latest fire of each fleet task, by <see cref="FleetTaskKeys.Display"/> name.</summary>
    Task<IReadOnlyDictionary<string, FleetTaskRun>> LatestAsync(CancellationToken cancellationToken);

    /// <summary>The groups (<see cref="FleetTaskRun.RunOn"/>) that have fleet task jobs in the clustered store, read without joining it.</summary>
    Task<IReadOnlyList<string>> ScheduledGroupsAsync(CancellationToken cancellationToken);
}
