using System.CommandLine;
using GitOps.Daemon.Cli;
using GitOps.Reconciler.Fleet;

namespace GitOps.Daemon.Commands;

/// <summary><c>fleet add-host HOST</c>: a login role for one host that row-level security lets write only that host's rows.</summary>
public sealed class FleetAddHostCommand : ICommand
{
    private readonly Argument<string> _host = new("host") { Description = "The host's name in the inventory (its agent's host:)." };
    private readonly FleetVerbOptions _fleet = new();
    private readonly Option<string?> _passwordFile = CliOptions.Value(
        "--password-file", "FILE", "The role's password: read from FILE, or a random one written there (mode 0600) when it does not exist. Required.");
    private readonly Option<bool> _json = CliOptions.Json("Print the role as JSON.");

    public FleetAddHostCommand()
    {
        Spec = new CommandSpec(
            "add-host",
            "Create (or update) the fleet store role of one host: it may write only that host's rows.",
            "Run with a connection that owns the store (the one that created its schema); the schema is migrated first. "
            + "The role is gitops_fleet_host_<host> (lower case, other characters as _); give its agent a connection string "
            + "with that user and the password. docs/fleet.md shows the SQL. Exit status: 0 when the role exists, 1 otherwise.")
        {
            Group = "fleet",
        };
        Spec.Add(_host);
        Spec.AddAll([.. _fleet.All, _passwordFile, _json]);
    }

    public CommandSpec Spec { get; }

    public async Task<int> RunAsync(CommandLine args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        var host = args.GetValue(_host)!;
        if (args.GetValue(_passwordFile) is not { } passwordFile)
        {
            await error.WriteLineAsync("gitops-agent fleet add-host: --password-file FILE is required (the role's password is never typed or printed)");
            return 1;
        }
        string role;
        try
        {
            role = FleetRoles.HostRole(host);
        }
        catch (ArgumentException e)
        {
            await error.WriteLineAsync("gitops-agent fleet add-host: " + e.Message);
            return 1;
        }
        return await FleetRoleVerb.RunAsync(_fleet, args, "fleet add-host", role, passwordFile, args.GetValue(_json),
            (store, password, token) => FleetRoles.AddHostAsync(store.DataSource, host, password, token), output, error, cancellationToken);
    }
}
