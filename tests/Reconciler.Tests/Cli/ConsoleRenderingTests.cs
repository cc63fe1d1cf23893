using GitOps.Daemon.Rendering;
using GitOps.Reconciler.Planning;
using GitOps.Reconciler.Reporting.Drift;
using GitOps.Reconciler.Tests.Planning;
using GitOps.Reconciler.Tests.Reporting;
using GitOps.Reconciler.Tests.Reporting.Drift;

namespace GitOps.Reconciler.Tests.Cli;

/// <summary>What a terminal gets: Spectre tables in colour. (A pipe gets the plain text, tested with DriftTable and PlanText.)</summary>
public class ConsoleRenderingTests
{
    private static string Drift(DriftReport report)
    {
        using var output = new StringWriter();
        DriftConsole.Write(report, Terminal.Create(output, colour: true));
        return output.ToString();
    }

    private static string PlanOf(Plan plan)
    {
        using var output = new StringWriter();
        PlanConsole.Write(plan, Terminal.Create(output, colour: true));
        return output.ToString();
    }

    [Fact]
    public void DriftConsole_Mixed_HeaderThenTableOfEveryResource()
    {
        var report = SampleReports.Mixed();

        var text = Drift(report);

        Assert.StartsWith("host host-1  revision refs/heads/main @ 1a2b3c4d5e6f (verified)  at 2026-11-23 10:00:00Z\nstatus: \u001b[33mDRIFTED\u001b[0m\n", text, StringComparison.Ordinal);
        Assert.Contains("╭", text, StringComparison.Ordinal);
        Assert.All(report.Resources, r => Assert.Contains(r.Name, text, StringComparison.Ordinal));
        // Long cells wrap inside the table, so look for the difference's start and its cause.
        Assert.Contains($"image: want {Given.WebV2}, have", text, StringComparison.Ordinal);
        Assert.Contains("(changed in git)", text, StringComparison.Ordinal);
        Assert.Contains("\u001b[32min sync\u001b[0m", text, StringComparison.Ordinal);
    }

    [Fact]
    public void DriftConsole_Stalled_ReasonAboveTheTable()
    {
        var text = Drift(SampleReports.WithStall());

        Assert.Contains("stalled: ValidationFailed\n  stacks/demo/compose.yaml:4:12: unknown key 'imgae'\n", text, StringComparison.Ordinal);
        Assert.True(text.IndexOf("stalled:", StringComparison.Ordinal) < text.IndexOf('╭', StringComparison.Ordinal));
    }

    [Fact]
    public void PlanConsole_Mixed_TablePerStackWithColouredActionsAndSummary()
    {
        var plan = SamplePlans.Mixed();

        var text = PlanOf(plan);

        Assert.Contains("stack demo: converge", text, StringComparison.Ordinal);
        Assert.Contains("stack old: teardown (no longer targeted at this host)", text, StringComparison.Ordinal);
        Assert.Contains("\u001b[", text, StringComparison.Ordinal);
        Assert.Contains("image: want " + Given.WebV2, text, StringComparison.Ordinal);
        Assert.DoesNotContain("correct horse", text, StringComparison.Ordinal);
        Assert.EndsWith("Plan: " + GitOps.Reconciler.Reporting.PlanSummary.Of(plan) + ".\u001b[0m\n", text, StringComparison.Ordinal);
    }
}
