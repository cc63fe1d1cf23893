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
}
