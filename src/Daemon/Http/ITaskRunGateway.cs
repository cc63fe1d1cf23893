using GitOps.Reconciler.Tasks;

namespace GitOps.Daemon.Http;

/// <summary>The daemon's scheduler as the task endpoints see it: start a run for a person, and follow it.</summary>
public interface ITaskRunGateway
{
    Task<TaskRunAnswer> RequestRunAsync(string task, CancellationToken cancellationToken);

    TaskRunRequest? GetRequest(string id);
}
