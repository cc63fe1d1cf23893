using GitOps.Reconciler.Reporting.Drift;
using Spectre.Console;

namespace GitOps.Daemon.Rendering;

/// <summary>Status words, in colour when enabled: green in sync, yellow differing, red failed, grey suspended.</summary>
internal sealed class Paint(bool enabled)
{
    public string Status(ResourceStatus status, int width = 0) => Colour(ColourOf(status), DriftTable.Word(status).PadRight(width));

    public string Status(ReportStatus status) => Colour(ColourOf(status), Word(status));

    private string Colour(Color colour, string text) => enabled ? Terminal.Coloured(text, colour) : text;

    internal static string Word(ReportStatus status) => status == ReportStatus.InSync ? "IN SYNC" : status.ToString().ToUpperInvariant();

    internal static Color ColourOf(ResourceStatus status) => status switch
    {
        ResourceStatus.InSync => Color.Green,
        ResourceStatus.Failed or ResourceStatus.RolledBack or ResourceStatus.CrashLooping or ResourceStatus.Undecryptable => Color.Maroon,
        ResourceStatus.Suspended => Color.Grey,
        _ => Color.Olive,
    };

    internal static Color ColourOf(ReportStatus status) => status switch
    {
        ReportStatus.InSync => Color.Green,
        ReportStatus.Failed or ReportStatus.Stalled => Color.Maroon,
        ReportStatus.Suspended => Color.Grey,
        _ => Color.Olive,
    };
}
