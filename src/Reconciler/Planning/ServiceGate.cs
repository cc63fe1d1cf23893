namespace GitOps.Reconciler.Planning;

/// <summary>What a started container of a service must do to pass its gate (see <see cref="ServiceSteps.GateOf"/>).</summary>
public enum ServiceGate
{
    /// <summary>Become healthy within the healthcheck's gate timeout.</summary>
    Healthy,

    /// <summary>Keep running for the settle period.</summary>
    Running,

    /// <summary>A one-shot (restart <c>no</c> or <c>on-failure</c>, no healthcheck): keep running for the settle period,
    /// or exit 0, which is what it is for.</summary>
    RunningOrCompleted,
}
