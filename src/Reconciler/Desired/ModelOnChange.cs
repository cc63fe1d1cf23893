namespace GitOps.Reconciler.Desired;

/// <summary>What happens to the consumers after a switch: a restart (health-gated), a signal, or nothing.</summary>
/// <param name="Signal">The signal name for <see cref="ModelOnChangeKind.Signal"/>, such as SIGHUP.</param>
public sealed record ModelOnChange(ModelOnChangeKind Kind, string? Signal = null)
{
    public static readonly ModelOnChange Restart = new(ModelOnChangeKind.Restart);

    public override string ToString() => Kind switch
    {
        ModelOnChangeKind.Signal => "signal:" + Signal,
        ModelOnChangeKind.None => "none",
        _ => "restart",
    };
}
