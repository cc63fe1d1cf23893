using GitOps.Reconciler.Desired;
using GitOps.Reconciler.Engine;
using GitOps.Reconciler.Models;
using GitOps.Reconciler.Reconciliation;
using GitOps.Reconciler.Reconciliation.Slices;
using GitOps.Reconciler.Reporting.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace GitOps.Daemon.Hosting;

public static partial class AgentServices
{
    /// <summary>The key of the HTTP client that downloads model files (no timeout: see <see cref="AddModels"/>).</summary>
    public const string ModelDownloads = "model-downloads";

    /// <summary>
    /// The models slice: the content-addressed store under the state directory, the probe, the downloader with its
    /// sources (http, s3, the repository), the consumers restarted or signalled on this host's engine, and the models kind
    /// of the pass (<see cref="ModelsSlice"/>), first in the host plan: a consumer being deployed finds its model in place. With metrics
    /// registered before, the models' metrics go into the agent's registry.
    /// </summary>
    public static IServiceCollection AddModels(this IServiceCollection services, string stateDirectory, ModelsConfig config, string host)
    {
        ArgumentNullException.ThrowIfNull(config);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(_ => new ModelStore(stateDirectory));
        services.TryAddSingleton(provider => new ModelRecordStore(provider.GetRequiredService<ModelStore>()));
        // Downloads of large files outlive any fixed timeout; a stalled one is cut by the connection's own limits.
        services.TryAddKeyedSingleton(ModelDownloads, (_, _) => new HttpClient(
            new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(30), PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
        {
            Timeout = Timeout.InfiniteTimeSpan,
        });
        services.TryAddSingleton(_ => new S3ModelSourceReader(config.S3));
        services.TryAddSingleton(provider => new ModelDownloader(
            provider.GetRequiredService<ModelStore>(),
            new Dictionary<ModelSourceKind, IModelSourceReader>
            {
                [ModelSourceKind.Http] = new HttpModelSourceReader(provider.GetRequiredKeyedService<HttpClient>(ModelDownloads)),
                [ModelSourceKind.S3] = provider.GetRequiredService<S3ModelSourceReader>(),
                [ModelSourceKind.Repository] = new RepositoryModelSourceReader(),
            },
            provider.GetRequiredService<TimeProvider>(),
            provider.GetRequiredService<ILogger<ModelDownloader>>(),
            config.DownloadAttempts,
            config.RetryDelay));
        services.TryAddSingleton<IModelConsumers>(provider => new DockerModelConsumers(
            provider.GetRequiredService<IDockerEngine>().Containers, DockerEngine.DefaultEndpoint, host, provider.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<IModelKind>(provider => new ModelKind(
            provider.GetRequiredService<ModelStore>(),
            provider.GetRequiredService<ModelRecordStore>(),
            new ModelProbe(provider.GetRequiredService<ModelStore>(), stateDirectory, config, provider.GetRequiredService<TimeProvider>()),
            provider.GetRequiredService<ModelDownloader>(),
            provider.GetRequiredService<IModelConsumers>(),
            config,
            provider.GetRequiredService<TimeProvider>(),
            provider.GetRequiredService<ILogger<ModelKind>>()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IKindSlice, ModelsSlice>());
        if (services.Any(d => d.ServiceType == typeof(AgentMetrics)))
        {
            services.TryAddSingleton(provider => new ModelMetrics(provider.GetRequiredService<AgentMetrics>()));
        }
        return services;
    }
}
