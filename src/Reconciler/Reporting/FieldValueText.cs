using GitOps.Reconciler.Common;

namespace GitOps.Reconciler.Reporting;

/// <summary>A field's value as people read it in plans, drift reports and notifications: masked, on one line, shortened.</summary>
public static class FieldValueText
{
    public const int MaxLength = 80;

    /// <summary>Masked if sensitive, then cut to <see cref="MaxLength"/> characters keeping both ends.</summary>
    public static string Show(string field, string? value)
    {
        var shown = SecretMask.Apply(field, value);
        if (shown is null)
        {
            return "(none)";
        }
        shown = shown.Replace("\n", "\\n", StringComparison.Ordinal);
        return shown.Length <= MaxLength ? shown : shown[..60] + "..." + shown[^17..];
    }

    /// <summary>
    /// <c>field: want X, have Y</c>; <c>field: changed (secret)</c> when both sides show alike (their difference
    /// is all in masked parts), so neither the values nor a misleading "want X, have X" is shown.
    /// </summary>
    public static string Line(string field, string? desired, string? actual)
    {
        ArgumentNullException.ThrowIfNull(field);
        var want = Show(field, desired);
        var have = Show(field, actual);
        return desired is not null && actual is not null && want == have
            ? field + ": " + SecretMask.ChangedSecret
            : field + ": want " + want + ", have " + have;
    }
}
