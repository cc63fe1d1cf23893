using System.CommandLine;
using GitOps.Daemon.Cli;
using GitOps.Reconciler.Fleet;

namespace GitOps.Daemon.Commands;

/// <summary><c>fleet add-reader ROLE</c>: a login role that may read the fleet store and write nothing (operators, Grafana).</summary>
public sealed class FleetAddReaderCommand : ICommand
{
    private readonly Argument<string> _role = new("role") { Description = "The role's name (lower-case letters, digits and _)." };
    private readonly FleetVerbOptions _fleet = new();
    private readonly Option<string?> _passwordFile = CliOptions.Value(
        "--password-file", "FILE", "The role's password: read from FILE, or a random one written there (mode 0600) when it does not exist. Required.");
    private readonly Option<bool> _json = CliOptions.Json("Print the role as JSON.");

    public FleetAddReaderCommand()
    {
        Spec = new CommandSpec(
            "add-reader",
            "Create (or update) a read-only fleet store role for operators and dashboards.",
            "Run with a connection that owns the store; the schema is migrated first. docs/fleet.md shows the SQL. "
            + "Exit status: 0 when the role exists, 1 otherwise.")
        {
            Group = "fleet",
        };
        Spec.Add(_role);
        Spec.AddAll([.. _fleet.All, _passwordFile, _json]);
    }

    public CommandSpec Spec { get; }

    public async Task<int> RunAsync(CommandLine args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        var role = args.GetValue(_role)!;
        if (args.GetValue(_passwordFile) is not { } passwordFile)
        {
            await error.WriteLineAsync("gitops-agent fleet add-reader: --password-file FILE is required (the role's password is never typed or printed)");
            return 1;
        }
        return await FleetRoleVerb.RunAsync(_fleet, args, "fleet add-reader", role, passwordFile, args.GetValue(_json),
            (store, password, token) => FleetRoles.AddReaderAsync(store.DataSource, role, password, token), output, error, cancellationToken);
    }
}
