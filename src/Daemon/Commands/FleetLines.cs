using GitOps.Daemon.Cli;
using GitOps.Reconciler.Fleet;
using System.Text.Json;

namespace GitOps.Daemon.Commands;

/// <summary>The inventory joined with the fleet store's rows, as <c>fleet status</c> and <c>fleet revisions</c> read them.</summary>
internal sealed record FleetLines(IReadOnlyList<FleetHostLine> Hosts, string Head)
{
    /// <summary>The lines of the inventory's hosts (of <paramref name="group"/> only, when given); null after writing why.</summary>
    public static async Task<FleetLines?> ReadAsync(
        FleetVerbOptions fleet, CommandLine args, string? repoPath, string? group, string verb, TextWriter error, CancellationToken cancellationToken)
    {
        var (ok, config) = await fleet.LoadAsync(args, error, needsConfig: repoPath is null);
        if (!ok)
        {
            return null;
        }
        await using var store = await fleet.OpenAsync(args, config, verb, error);
        if (store is null)
        {
            return null;
        }
        // The store's rows are read on another thread while git and the inventory are read here: in a fresh process
        // most of each side's time is its first use (loading and compiling its code), which two cores do side by side.
        var reading = Task.Run(() => store.ReadHostsAsync(cancellationToken), cancellationToken);
        try
        {
            using var repo = repoPath is not null
                ? FleetRepo.Open(repoPath, repo: null)
                : FleetRepo.Open(Path.Combine(config!.StateDir, "repo"), config.Repo);
            var inventory = repo.Hosts();
            if (group is not null)
            {
                if (!inventory.Any(h => h.Key == group || h.Value.Contains(group)))
                {
                    await error.WriteLineAsync($"gitops-agent {verb}: '{group}' is neither a group nor a host of the inventory");
                    return null;
                }
                inventory = inventory.Where(h => h.Key == group || h.Value.Contains(group)).ToDictionary(h => h.Key, h => h.Value, StringComparer.Ordinal);
            }
            var rows = await reading;
            return new FleetLines(FleetView.Lines(inventory, rows, repo.Behind), repo.HeadCommit);
        }
        catch (Exception e) when (FleetVerbOptions.IsStoreError(e) || e is LibGit2Sharp.LibGit2SharpException)
        {
            await error.WriteLineAsync($"gitops-agent {verb}: {FleetVerbOptions.Describe(e)}");
            return null;
        }
    }

    public static string StatusText(FleetStatus status) => JsonNamingPolicy.CamelCase.ConvertName(status.ToString());
}
