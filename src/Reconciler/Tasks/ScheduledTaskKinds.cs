using GitOps.Reconciler.Common;
using GitOps.Reconciler.Desired;
using Microsoft.Extensions.Logging;

namespace GitOps.Reconciler.Tasks;

/// <summary>
/// The tasks kind of a host with a fleet store: its own tasks on its job store, and its fleet tasks on the fleet's
/// clustered one, as one part of the host plan. The fleet store down or refusing leaves the fleet tasks as they are
/// (a warning) and never holds up the host's own tasks; the next pass plans them again.
/// </summary>
public sealed partial class ScheduledTaskKinds(ITaskKind host, FleetTaskSchedule fleet, ILogger<ScheduledTaskKinds> logger) : ITaskKind
{
    public ITaskKind Host => host;

    public FleetTaskSchedule Fleet => fleet;

    public async Task<TaskPlan> PlanAsync(DesiredState desired, CancellationToken cancellationToken)
    {
        var own = await host.PlanAsync(desired, cancellationToken);
        TaskPlan shared;
        try
        {
            shared = await fleet.PlanAsync(desired, cancellationToken);
        }
        catch (Exception ex) when (IsStoreFailure(ex))
        {
            LogFleetFailed(ex.Message);
            return own;
        }
        return new TaskPlan(ValueList.From(own.Changes.Concat(shared.Changes)));
    }

    public async Task ApplyAsync(TaskPlan plan, string? revision, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        await host.ApplyAsync(new TaskPlan(ValueList.From(plan.Changes.Where(c => c.RunOn is null))), revision, cancellationToken);
        var shared = new TaskPlan(ValueList.From(plan.Changes.Where(c => c.RunOn is not null)));
        if (!shared.HasChanges)
        {
            return;
        }
        try
        {
            await fleet.ApplyAsync(shared, revision, cancellationToken);
        }
        catch (Exception ex) when (IsStoreFailure(ex))
        {
            LogFleetFailed(ex.Message);
        }
    }

    private static bool IsStoreFailure(Exception ex) =>
        ex is Quartz.SchedulerException or System.Data.Common.DbException or TimeoutException or InvalidOperationException or System.Text.Json.JsonException;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Fleet tasks are left as they are: the fleet store could not be read or written ({Reason})")]
    private partial void LogFleetFailed(string reason);
}
