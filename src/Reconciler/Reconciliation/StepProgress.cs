using GitOps.Reconciler.Apply;
using GitOps.Reconciler.Reporting.Drift;

namespace GitOps.Reconciler.Reconciliation;

/// <summary>Turns an apply's progress into the report's step (<c>pull stack/service</c>, ...), once per change of step.</summary>
internal sealed class StepProgress(Action<DriftStep> publish, TimeProvider time) : IProgress<ApplyEvent>
{
    public StepProgress(IPassReporter reporter, TimeProvider time)
        : this(reporter.Step, time)
    {
    }

    private readonly Lock _gate = new();
    private string? _current;

    public void Report(ApplyEvent value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var name = value.Phase switch
        {
            ApplyPhase.Pulling => "pull",
            ApplyPhase.Downloading => "download",
            ApplyPhase.Creating => "create",
            ApplyPhase.Starting => "start",
            ApplyPhase.WaitingForDependency => "wait for dependencies of",
            ApplyPhase.WaitingForHealth => "health gate of",
            ApplyPhase.Removing => "remove",
            ApplyPhase.RollingBack => "roll back",
            _ => null,
        };
        if (name is null)
        {
            return;
        }
        var step = $"{name} {value.Stack}/{value.Resource}";
        lock (_gate)
        {
            if (step == _current)
            {
                return;
            }
            _current = step;
        }
        publish(new DriftStep(step, time.GetUtcNow()));
    }
}
