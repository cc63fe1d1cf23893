using GitOps.Reconciler.Reconciliation;
using GitOps.Reconciler.State;
using GitOps.Reconciler.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace GitOps.Daemon.Hosting;

public static partial class AgentServices
{
    /// <summary>The state slice: the SQLite state store (history, holds, suspensions, task runs) and what the pass remembers.</summary>
    public static IServiceCollection AddAgentState(this IServiceCollection services, string stateDirectory, int historyRetention)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(provider =>
        {
            Directory.CreateDirectory(stateDirectory);
            return StateStore.Open(stateDirectory, provider.GetRequiredService<TimeProvider>(), provider.GetRequiredService<ILogger<StateStore>>());
        });
        services.TryAddSingleton<IStateStore>(provider => provider.GetRequiredService<StateStore>());
        services.TryAddSingleton<ITaskHistory>(provider => provider.GetRequiredService<StateStore>());
        services.TryAddSingleton<IReconcileMemory>(provider => new StateStoreMemory(provider.GetRequiredService<IStateStore>(), historyRetention));
        services.TryAddSingleton<IStalledRevisionStore>(provider => new StalledRevisionStore(stateDirectory)
        {
            Judgement = provider.GetService<Reconciler.Configuration.AgentConfig>()?.Policy.Fingerprint(),
        });
        return services;
    }
}
