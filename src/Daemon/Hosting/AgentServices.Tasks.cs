using Docker.DotNet;
using GitOps.Reconciler.Engine;
using GitOps.Reconciler.Reconciliation;
using GitOps.Reconciler.Reconciliation.Slices;
using GitOps.Reconciler.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace GitOps.Daemon.Hosting;

public static partial class AgentServices
{
    /// <summary>
    /// The tasks kind of the pass (<see cref="TasksSlice"/>): it takes part once a job store is attached to it (the
    /// daemon's scheduler in <see cref="TaskScheduleService"/>, <c>plan</c>'s read of that store).
    /// </summary>
    public static IServiceCollection AddTasks(this IServiceCollection services)
    {
        services.TryAddSingleton<TasksSlice>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IKindSlice, TasksSlice>(provider => provider.GetRequiredService<TasksSlice>()));
        return services;
    }

    /// <summary>
    /// The scheduled tasks runner of the daemon: task containers on this host's engine and the runner that records their runs. The
    /// Quartz scheduler on its SQLite job store opens asynchronously, in <see cref="TaskScheduleService"/>.
    /// </summary>
    public static IServiceCollection AddScheduledTasks(this IServiceCollection services, string host)
    {
        // Task containers attach to their output streams, which the engine abstraction does not cover.
        services.TryAddSingleton(_ => new DockerClientBuilder().WithEndpoint(DockerEngine.DefaultEndpoint).WithApiVersion(DockerEngine.ApiVersion).Build());
        services.TryAddSingleton<ITaskContainers>(provider => new DockerTaskContainers(
            provider.GetRequiredService<IDockerEngine>(), provider.GetRequiredService<DockerClient>(), host,
            provider.GetRequiredService<TimeProvider>(), provider.GetRequiredService<ILogger<DockerTaskContainers>>()));
        services.TryAddSingleton(provider => new TaskRunner(
            provider.GetRequiredService<ITaskContainers>(), provider.GetRequiredService<ITaskHistory>(), new TaskRunnerOptions { Host = host },
            provider.GetRequiredService<TimeProvider>(), provider.GetRequiredService<ILogger<TaskRunner>>()));
        return services;
    }
}
