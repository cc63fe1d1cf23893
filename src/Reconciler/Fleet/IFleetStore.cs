namespace GitOps.Reconciler.Fleet;

/// <summary>The fleet store as a host's reporter sees it: one write per report, the schema brought up to date first.</summary>
public interface IFleetStore
{
    Task MigrateAsync(CancellationToken cancellationToken);

    Task WriteAsync(FleetEntry entry, CancellationToken cancellationToken);
}
