namespace GitOps.Reconciler.Tasks;

/// <summary>The fires of fleet tasks as the fleet store records them: written by the host that fired, read by every host.</summary>
public interface IFleetTaskRuns
{
    Task RecordAsync(FleetTaskRun run, CancellationToken cancellationToken);

    /// <summary>The latest fire of each fleet task, by <see cref="FleetTaskKeys.Display"/> name.</summary>
    Task<IReadOnlyDictionary<string, FleetTaskRun>> LatestAsync(CancellationToken cancellationToken);
}
