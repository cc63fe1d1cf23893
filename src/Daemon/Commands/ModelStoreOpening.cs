using GitOps.Daemon.Cli;
using GitOps.Reconciler.Models;

namespace GitOps.Daemon.Commands;

/// <summary>The models verbs' view of this host's model store: its blobs and versions and the records of what is installed.</summary>
internal sealed record ModelStoreOpening(ModelStore Store, ModelRecordStore Records)
{
    /// <summary>The store under the state directory of <paramref name="state"/>; null after writing why to <paramref name="error"/>.</summary>
    public static async Task<ModelStoreOpening?> OpenAsync(AgentStateOptions state, CommandLine args, TextWriter error)
    {
        if (await state.ResolveAsync(args, error) is not { } stateDirectory)
        {
            return null;
        }
        var store = new ModelStore(stateDirectory);
        return new ModelStoreOpening(store, new ModelRecordStore(store));
    }
}
