using GitOps.Reconciler.Reporting.Notifications;

namespace GitOps.Reconciler.Tests.Reporting.Notifications;

public sealed class NotificationTargetsTests : IDisposable
{
    private readonly string _secretFile = Path.Combine(Path.GetTempPath(), "notify-secret-" + Guid.NewGuid().ToString("N")[..8]);

    public void Dispose() => File.Delete(_secretFile);

    [Fact]
    public void Receivers_WebhookAndSlackWithSecretFile_BothSignedWithTrimmedSecret()
    {
        File.WriteAllText(_secretFile, "  s3cret\n");

        var receivers = new NotificationTargets(new Uri("http://127.0.0.1:1/hook"), new Uri("http://127.0.0.1:2/slack"), _secretFile).Receivers();

        Assert.Equal([("webhook", NotificationFormat.Json), ("slack", NotificationFormat.Slack)], receivers.Select(r => (r.Name, r.Format)));
        Assert.All(receivers, r => Assert.Equal("s3cret", r.SigningSecret));
        Assert.All(receivers, r => Assert.DoesNotContain("s3cret", r.ToString(), StringComparison.Ordinal));
    }

    [Fact]
    public void Receivers_NothingConfigured_None()
    {
        Assert.Empty(new NotificationTargets().Receivers());
    }

    [Fact]
    public void Receivers_MissingSecretFile_Throws()
    {
        var targets = new NotificationTargets(new Uri("http://127.0.0.1:1/hook"), SigningSecretFile: _secretFile);

        Assert.Throws<InvalidOperationException>(() => targets.Receivers());
    }
}
