using GitOps.Daemon.Cli;
using GitOps.Reconciler.State;

namespace GitOps.Daemon.Commands;

/// <summary>Reads this host's state store for a verb: read-only, as the daemon may be writing, and a reader must never
/// migrate or move its file aside.</summary>
internal static class StateReading
{
    /// <summary>What <paramref name="read"/> returns; null after writing why to <paramref name="error"/> (no state yet,
    /// an unreadable store), prefixed with <paramref name="verb"/>.</summary>
    /// <param name="noState">Why there is no state file yet, for people.</param>
    public static async Task<T?> ReadAsync<T>(
        CommandLine args, AgentStateOptions state, TextWriter error, string verb, string noState, Func<StateStore, T> read)
        where T : class
    {
        var stateDirectory = await state.ResolveAsync(args, error);
        if (stateDirectory is null)
        {
            return null;
        }
        if (!File.Exists(Path.Combine(stateDirectory, StateStore.FileName)))
        {
            await error.WriteLineAsync($"gitops-agent {verb}: no state in {stateDirectory} ({noState})");
            return null;
        }
        try
        {
            using var store = StateStore.OpenReadOnly(stateDirectory, TimeProvider.System);
            return read(store);
        }
        catch (StateStoreException ex)
        {
            await error.WriteLineAsync($"gitops-agent {verb}: " + ex.Message);
            return null;
        }
    }

    /// <summary>For the task verbs.</summary>
    public static Task<T?> ReadTasksAsync<T>(CommandLine args, AgentStateOptions state, TextWriter error, Func<StateStore, T> read)
        where T : class =>
        ReadAsync(args, state, error, "task", "the agent has not run here yet", read);
}
