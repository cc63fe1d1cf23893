namespace GitOps.Reconciler.Fleet;

/// <summary>One step of the fleet store's schema: applied once, in a transaction, and recorded with its version.</summary>
public sealed record FleetMigration(int Version, string Description, string Sql);
