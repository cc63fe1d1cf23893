namespace GitOps.Reconciler.Configuration;

/// <summary>
/// The optional fleet store (<c>fleet.postgres.*</c>): a PostgreSQL database every agent of a fleet writes its latest
/// report to and operators read the fleet from. Without it the agent works on its own, as before.
/// </summary>
/// <param name="ConnectionStringFile">File holding the Npgsql connection string (it carries a password: never logged).</param>
public sealed record FleetConfig(string ConnectionStringFile)
{
    public const string DefaultConnectionStringFile = "/etc/gitops-agent/fleet-db";
}
