namespace GitOps.Reconciler.Reporting.Drift;

/// <summary>Status words, in ANSI colour when enabled: green in sync, yellow differing, red failed, grey suspended.</summary>
internal sealed class Paint(bool enabled)
{
    private const string Reset = "\u001b[0m";

    public string Status(ResourceStatus status, int width = 0) => Colour(Code(status), DriftTable.Word(status).PadRight(width));

    public string Status(ReportStatus status) => Colour(Code(status), Word(status));

    private string Colour(string code, string text) => enabled ? code + text + Reset : text;

    private static string Word(ReportStatus status) => status == ReportStatus.InSync ? "IN SYNC" : status.ToString().ToUpperInvariant();

    private static string Code(ResourceStatus status) => status switch
    {
        ResourceStatus.InSync => "\u001b[32m",
        ResourceStatus.Failed or ResourceStatus.RolledBack or ResourceStatus.CrashLooping => "\u001b[31m",
        ResourceStatus.Suspended => "\u001b[90m",
        _ => "\u001b[33m",
    };

    private static string Code(ReportStatus status) => status switch
    {
        ReportStatus.InSync => "\u001b[32m",
        ReportStatus.Failed or ReportStatus.Stalled => "\u001b[31m",
        ReportStatus.Suspended => "\u001b[90m",
        _ => "\u001b[33m",
    };
}
