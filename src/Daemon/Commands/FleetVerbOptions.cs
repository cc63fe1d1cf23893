using System.CommandLine;
using GitOps.Daemon.Cli;
using GitOps.Reconciler.Configuration;
using GitOps.Reconciler.Fleet;
using Npgsql;

namespace GitOps.Daemon.Commands;

/// <summary>The options the <c>fleet</c> verbs share, and how they reach the fleet store.</summary>
internal sealed class FleetVerbOptions
{
    public Option<string?> Config { get; } =
        CliOptions.Config($"The agent configuration, for its fleet store and config repository (default {AgentConfig.DefaultPath}).");

    public Option<string?> ConnectionFile { get; } = CliOptions.Value(
        "--connection-file", "FILE", "A file holding the store's connection string (default: the configuration's fleet.postgres.connectionStringFile).");

    public IEnumerable<Option> All => [Config, ConnectionFile];

    /// <summary>The configuration (null when only --connection-file is given and no default file exists); Ok false after writing why.</summary>
    public async Task<(bool Ok, AgentConfig? Config)> LoadAsync(CommandLine args, TextWriter error, bool needsConfig)
    {
        ArgumentNullException.ThrowIfNull(args);
        var required = needsConfig || args.GetValue(ConnectionFile) is null;
        return await TaskVerbOptions.LoadConfigAsync(args.GetValue(Config), error, required);
    }

    /// <summary>The store named by --connection-file or the configuration; null after writing why.</summary>
    public async Task<PostgresFleetStore?> OpenAsync(CommandLine args, AgentConfig? config, string verb, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(error);
        var file = args.GetValue(ConnectionFile) ?? config?.Fleet?.ConnectionStringFile;
        if (file is null)
        {
            await error.WriteLineAsync($"gitops-agent {verb}: no fleet store: set fleet.postgres.connectionStringFile in the configuration or give --connection-file");
            return null;
        }
        try
        {
            return PostgresFleetStore.OpenForCommand(file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            // The message names the file or the faulty keyword, never the connection string's values.
            await error.WriteLineAsync($"gitops-agent {verb}: cannot use the connection string in {file}: {e.GetType().Name}");
            return null;
        }
    }

    /// <summary>A store error for people, without the connection string.</summary>
    public static string Describe(Exception e) => e switch
    {
        PostgresException postgres => $"{postgres.SqlState}: {postgres.MessageText}",
        NpgsqlException npgsql => npgsql.Message,
        _ => e.Message,
    };

    public static bool IsStoreError(Exception e) => e is NpgsqlException or InvalidOperationException or TimeoutException;
}
