namespace GitOps.Reconciler.Tasks;

/// <summary>A run a person asked for (<c>task run</c>, <c>POST /tasks/NAME/run</c>): pending until its run is recorded.</summary>
/// <param name="Id">The request's id, returned to the caller and used to follow the run.</param>
/// <param name="Run">The recorded run once it ended (or was skipped); null while pending or running.</param>
public sealed record TaskRunRequest(string Id, string Task, DateTimeOffset RequestedAt, TaskRunRecord? Run = null)
{
    public bool Finished => Run is not null;
}
