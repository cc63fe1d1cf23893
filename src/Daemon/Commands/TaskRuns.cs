using GitOps.Daemon.Cli;
using GitOps.Reconciler.State;

namespace GitOps.Daemon.Commands;

/// <summary>Reads task history for the task verbs: read-only, as the daemon may be writing.</summary>
internal static class TaskRuns
{
    public static async Task<T?> ReadAsync<T>(CommandLine args, AgentStateOptions state, TextWriter error, Func<StateStore, T> read)
        where T : class
    {
        var stateDirectory = await state.ResolveAsync(args, error);
        if (stateDirectory is null)
        {
            return null;
        }
        if (!File.Exists(Path.Combine(stateDirectory, StateStore.FileName)))
        {
            await error.WriteLineAsync($"gitops-agent task: no state in {stateDirectory} (the agent has not run here yet)");
            return null;
        }
        try
        {
            using var store = StateStore.OpenReadOnly(stateDirectory, TimeProvider.System);
            return read(store);
        }
        catch (StateStoreException ex)
        {
            await error.WriteLineAsync("gitops-agent task: " + ex.Message);
            return null;
        }
    }
}
