namespace GitOps.Reconciler.Compose;

/// <summary>The outcome of <see cref="Interpolation.Expand"/>: exactly one of a value or an error message.</summary>
public sealed record InterpolationResult(string? Value, string? Error)
{
    public static InterpolationResult Ok(string value) => new(value, null);

    public static InterpolationResult Fail(string error) => new(null, error);
}
