using GitOps.Daemon.Rendering;
using GitOps.Reconciler.Common;
using GitOps.Reconciler.Planning;
using GitOps.Reconciler.Reporting.Drift;
using GitOps.Reconciler.Tests.Planning;

namespace GitOps.Reconciler.Tests.Reporting.Drift;

public class DriftTableTests
{
    [Fact]
    public void Render_Drifted_HeaderStacksAndFieldsWithCause()
    {
        var text = DriftTable.Render(SampleReports.Mixed());

        Assert.StartsWith("host host-1  revision refs/heads/main @ 1a2b3c4d5e6f (verified)  at 2026-11-23 10:00:00Z\nstatus: DRIFTED\n", text, StringComparison.Ordinal);
        Assert.Contains("stack demo: drifted\n", text, StringComparison.Ordinal);
        Assert.Contains($"      image: want {Given.WebV2}, have {Given.WebV1} (changed in git)\n", text, StringComparison.Ordinal);
        Assert.Contains("      state: want running, have exited (137) (changed on the host)\n", text, StringComparison.Ordinal);
        Assert.Contains("stack paused: suspended (suspended: reported, never touched)\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_Rows_AlignedKindNameStatus()
    {
        var lines = DriftTable.Render(SampleReports.Mixed()).Split('\n');

        Assert.Contains("  network  default  in sync  since 2026-11-23 10:00:00Z", lines);
        Assert.Contains("  service  api      drifted  since 2026-11-23 10:00:00Z (container not running)", lines);
    }

    [Fact]
    public void Render_RolloutWaiting_SaysWhatTheNewerCommitWaitsFor()
    {
        var report = SampleReports.Mixed() with
        {
            Rollout = new DriftRollout("9f2c01ab34de5566", "prod", "waiting for wave canary: ocr-canary-1 rolledBack", Halted: true),
        };

        Assert.Contains("rollout halted: waiting for wave canary: ocr-canary-1 rolledBack (commit 9f2c01ab34de, wave prod)\n", DriftTable.Render(report), StringComparison.Ordinal);
        Assert.DoesNotContain("rollout", DriftTable.Render(SampleReports.Mixed()), StringComparison.Ordinal);
    }

    [Fact]
    public void Render_Plain_NoEscapeCodes()
    {
        Assert.DoesNotContain('\u001b', DriftTable.Render(SampleReports.Mixed(), colour: false));
    }

    [Fact]
    public void Render_Colour_StatusesColoured()
    {
        var text = DriftTable.Render(SampleReports.Mixed(), colour: true);

        Assert.Contains("\u001b[33mDRIFTED\u001b[0m", text, StringComparison.Ordinal);
        Assert.Contains("\u001b[32min sync\u001b[0m", text, StringComparison.Ordinal);
        Assert.Contains("\u001b[90msuspended\u001b[0m", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_Stalled_ReasonAndDiagnostics()
    {
        var text = DriftTable.Render(SampleReports.WithStall());

        Assert.Contains("status: STALLED\nstalled: ValidationFailed\n  stacks/demo/compose.yaml:4:12: unknown key 'imgae'\nlast error: ValidationFailed: 1 error\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_SecretDifference_Masked()
    {
        var report = DriftReportBuilder.Build(new DriftReportInput(
            Reporting.SamplePlans.WithFields(new FieldChange("environment.DB_PASSWORD", "new-secret", "old-secret")), SampleReports.Revision, SampleReports.Now));

        var text = DriftTable.Render(report);

        Assert.DoesNotContain("new-secret", text, StringComparison.Ordinal);
        Assert.DoesNotContain("old-secret", text, StringComparison.Ordinal);
        Assert.Contains("environment.DB_PASSWORD: changed (secret)", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_NoRevisionNoStacks_SaysSo()
    {
        var report = SampleReports.InSync() with { Revision = null, Resources = ValueList<DriftResource>.Empty };

        var text = DriftTable.Render(report);

        Assert.Contains("revision (none yet)", text, StringComparison.Ordinal);
        Assert.Contains("No stacks on this host", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_ModelsSection_StatusVersionPathDifferencesAndError()
    {
        var report = SampleReports.InSync() with
        {
            Models = ValueList.Of(
                new DriftModel("ocr-layout", "3.1.0", new string('d', 64), "/srv/models/ocr-layout", ValueList.Of("ocr/worker"),
                    ResourceStatus.Drifted, ValueList.Of("sha256 of layout.onnx: want 9f2c4e7a1b3d…, have 03ab4e7a1b3d…"), "host", null),
                new DriftModel("asr", "1", new string('e', 64), "/srv/models/asr", ValueList<string>.Empty,
                    ResourceStatus.Failed, ValueList<string>.Empty, null, "model asr: 404 from the source")),
        };

        var lines = DriftTable.Render(report, colour: false).Split('\n');

        var at = Array.IndexOf(lines, "models");
        Assert.True(at > 0, string.Join('\n', lines));
        Assert.Equal("  ocr-layout  drifted  version 3.1.0  /srv/models/ocr-layout  (changed by host)", lines[at + 1]);
        Assert.Equal("      sha256 of layout.onnx: want 9f2c4e7a1b3d…, have 03ab4e7a1b3d…", lines[at + 2]);
        Assert.Equal("  asr         failed   version 1  /srv/models/asr", lines[at + 3]);
        Assert.Equal("      error: model asr: 404 from the source", lines[at + 4]);
    }
}
