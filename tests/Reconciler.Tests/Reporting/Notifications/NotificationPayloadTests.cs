using System.Text;
using System.Text.Json;
using GitOps.Reconciler.Common;
using GitOps.Reconciler.Reporting;
using GitOps.Reconciler.Reporting.Drift;
using GitOps.Reconciler.Reporting.Notifications;
using GitOps.Reconciler.Tests.Reporting.Drift;

namespace GitOps.Reconciler.Tests.Reporting.Notifications;

public class NotificationPayloadTests
{
    [Fact]
    public void Json_Transition_GenericFields()
    {
        var root = JsonDocument.Parse(NotificationPayload.Json(SampleTransitions.Of(NotificationEvent.DriftDetected, details: "state: want running, have exited (137)"))).RootElement;

        Assert.Equal(1, root.GetProperty("version").GetInt32());
        Assert.Equal("driftDetected", root.GetProperty("event").GetString());
        Assert.Equal("host-1", root.GetProperty("host").GetString());
        Assert.Equal(SampleReports.Revision.Commit, root.GetProperty("revision").GetProperty("commit").GetString());
        Assert.True(root.GetProperty("revision").GetProperty("verified").GetBoolean());
        Assert.Equal("demo", root.GetProperty("stack").GetString());
        Assert.Equal("web", root.GetProperty("service").GetString());
        Assert.Equal("service", root.GetProperty("kind").GetString());
        Assert.Equal("state: want running, have exited (137)", root.GetProperty("details").GetString());
        Assert.Equal("2026-11-23T10:00:00+00:00", root.GetProperty("time").GetString());
    }

    [Fact]
    public void Json_HostTransition_NullResource()
    {
        var root = JsonDocument.Parse(NotificationPayload.Json(SampleTransitions.Of(NotificationEvent.Deployed, service: null))).RootElement;

        Assert.Equal(JsonValueKind.Null, root.GetProperty("stack").ValueKind);
        Assert.Equal(JsonValueKind.Null, root.GetProperty("service").ValueKind);
    }

    [Fact]
    public void Slack_Transition_TextOnly()
    {
        var root = JsonDocument.Parse(NotificationPayload.Slack(SampleTransitions.Of(NotificationEvent.RolledBack, details: "not healthy within 30s"))).RootElement;

        Assert.Equal(["text"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal("[host-1] ROLLED BACK service demo/web: not healthy within 30s (refs/heads/main @ 1a2b3c4d5e6f)", root.GetProperty("text").GetString());
    }

    [Fact]
    public void Render_SecretEnvironmentChangedByHand_NeverInPayload()
    {
        var drifted = SampleTransitions.WithResource(SampleReports.InSync(), "web", r => r with
        {
            Status = ResourceStatus.Drifted,
            Cause = DriftCause.Host,
            Differences = ValueList.Of(new DriftDifference("environment.DB_PASSWORD", "hunter2", "stolen-by-hand")),
        });
        var transition = Assert.Single(TransitionDetector.Detect(SampleReports.InSync(), drifted, ReconcileOutcome.NoChanges));

        var payloads = new[] { NotificationPayload.Json(transition), NotificationPayload.Slack(transition) }.Select(Encoding.UTF8.GetString).ToList();

        Assert.All(payloads, p => Assert.DoesNotContain("hunter2", p, StringComparison.Ordinal));
        Assert.All(payloads, p => Assert.DoesNotContain("stolen-by-hand", p, StringComparison.Ordinal));
        Assert.All(payloads, p => Assert.Contains("environment.DB_PASSWORD: changed (secret)", p, StringComparison.Ordinal));
    }

    [Fact]
    public void Receiver_ToString_NoUrlOrSecret()
    {
        var receiver = new NotificationReceiver("ops-slack", new Uri("https://hooks.example/services/T000/B000/XXXX"), NotificationFormat.Slack, "signing-secret");

        Assert.Equal("ops-slack", receiver.ToString());
    }
}
