using GitOps.Reconciler.Configuration;
using GitOps.Reconciler.Reconciliation;
using GitOps.Reconciler.Source;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace GitOps.Daemon.Hosting;

public static partial class AgentServices
{
    /// <summary>The source slice: the git clone in the state directory, the signature verifier, Poll/Fetch/Verify/Materialize.</summary>
    public static IServiceCollection AddAgentSource(this IServiceCollection services, RepoConfig repo, VerifyConfig verify, string stateDirectory)
    {
        services.TryAddSingleton(provider => new GitSource(
            repo, stateDirectory, provider.GetRequiredService<ILogger<GitSource>>(), time: provider.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<IConfigSource>(provider => provider.GetRequiredService<GitSource>());
        services.TryAddSingleton<IRevisionVerifier>(provider => new SignatureVerifier(
            verify, provider.GetRequiredService<GitSource>().RepositoryPath, provider.GetRequiredService<ILogger<SignatureVerifier>>()));
        services.TryAddSingleton<RevisionPuller>();
        return services;
    }
}
