namespace GitOps.Reconciler.Compose;

/// <summary>
/// The outcome of <see cref="Interpolation.Expand"/>: a value or an error message. <see cref="UnsetVariables"/> names
/// variables that were referenced without a default and not set, and so became empty; compose warns about those.
/// </summary>
public sealed record InterpolationResult(string? Value, string? Error, IReadOnlyList<string> UnsetVariables)
{
    public static InterpolationResult Ok(string value, IReadOnlyList<string> unsetVariables) => new(value, null, unsetVariables);

    public static InterpolationResult Fail(string error) => new(null, error, []);
}
