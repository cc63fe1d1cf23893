using GitOps.Reconciler.Reporting.Drift;

namespace GitOps.Daemon.Rendering;

/// <summary>A drift report as <c>drift</c> and <c>fleet drift</c> print it: JSON, a coloured table on a terminal, else plain text.</summary>
public static class DriftOutput
{
    public static async Task WriteAsync(DriftReport report, bool json, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(output);
        if (json)
        {
            await output.WriteAsync(DriftReportJson.Serialize(report) + "\n");
        }
        else if (Terminal.IsInteractive(output))
        {
            DriftConsole.Write(report, Terminal.Create(output, colour: true));
        }
        else
        {
            await output.WriteAsync(DriftTable.Render(report));
        }
    }
}
