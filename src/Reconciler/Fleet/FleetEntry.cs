using System.Text.Json;
using GitOps.Reconciler.Reporting.Drift;

namespace GitOps.Reconciler.Fleet;

/// <summary>
/// What one host writes to the fleet store after a pass: its latest drift report (the JSON of docs/drift-report.md)
/// and the columns the fleet views sort and count by, taken from it.
/// </summary>
/// <param name="PollInterval">The host's own poll interval: three of them without a report make it unresponsive.</param>
public sealed record FleetEntry(
    string Host,
    string Status,
    string? Commit,
    string? Ref,
    string AgentVersion,
    TimeSpan PollInterval,
    int Drifted,
    int Failed,
    string ReportJson,
    DateTimeOffset GeneratedAt)
{
    public static FleetEntry From(string host, DriftReport report, string agentVersion, TimeSpan pollInterval)
    {
        ArgumentNullException.ThrowIfNull(report);
        var resources = report.Resources.Where(r => r.Kind != DriftKind.Stack).ToList();
        return new FleetEntry(
            host,
            StatusName(report.Status),
            report.Revision?.Commit,
            report.Revision?.Ref,
            agentVersion,
            pollInterval,
            resources.Count(r => r.Status is ResourceStatus.Drifted or ResourceStatus.Missing or ResourceStatus.Extra),
            resources.Count(r => r.Status is ResourceStatus.Failed or ResourceStatus.RolledBack or ResourceStatus.CrashLooping),
            DriftReportJson.Serialize(report, indented: false),
            report.GeneratedAt);
    }

    /// <summary>The status as the report's JSON names it (<c>inSync</c>, <c>failed</c>).</summary>
    public static string StatusName(ReportStatus status) => JsonNamingPolicy.CamelCase.ConvertName(status.ToString());
}
