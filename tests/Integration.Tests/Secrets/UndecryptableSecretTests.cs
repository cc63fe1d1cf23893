using System.Text;
using GitOps.Integration.Tests.Pipeline;
using GitOps.Reconciler.Reconciliation;
using GitOps.Reconciler.Reporting.Drift;
using GitOps.Reconciler.Secrets;
using GitOps.Reconciler.Secrets.Age;
using GitOps.Reconciler.Secrets.Sops;
using Xunit.Abstractions;

namespace GitOps.Integration.Tests.Secrets;

/// <summary>A host that is not among a secret's recipients stalls on that revision, applies nothing of it, and says why.</summary>
public sealed class UndecryptableSecretTests(EngineFixture fixture, ITestOutputHelper output) : PipelineTest(fixture, output)
{
    private static readonly DriftRevision Revision = new("refs/heads/main", new string('b', 40), Verified: false);

    private void WriteStack(string tag, AgeRecipient recipient)
    {
        Repo.Stack(Project, Compose(Web(tag) + "    env_file: secret.env\n"));
        File.WriteAllBytes(Path.Combine(Repo.Root, "stacks", Project, "secret.env"), SopsEncryptor.Encrypt(
            Encoding.UTF8.GetBytes("WELCOME=only-for-recipients\n"), SopsFormat.Dotenv, [recipient], DateTimeOffset.UnixEpoch));
    }

    [Fact]
    public async Task Sync_SecretReencryptedForAnotherHost_StallsUndecryptableAndAppliesNothing()
    {
        var thisHost = AgeIdentity.Generate();
        var otherHost = AgeIdentity.Generate();
        Reconciler.Secrets = SecretKeyring.Of([thisHost]);
        WriteStack("v1", thisHost.Recipient);
        var good = await SyncOkAsync();
        var before = await ContainerIdsAsync();

        WriteStack("v2", otherHost.Recipient);
        var refused = await SyncAsync();
        var stall = ReconcileCycleReporter.StallOf(refused).Stall;
        var report = DriftReportBuilder.Build(new DriftReportInput(good.Plan!, Revision, DateTimeOffset.UtcNow) { Stall = stall });
        var row = Assert.Single(report.Resources, r => r.Kind == DriftKind.Stack);

        Assert.Equal(ReconcileStatus.ValidationFailed, refused.Status);
        Assert.Equal(before, await ContainerIdsAsync());
        Assert.Contains($"stacks/{Project}/secret.env: undecryptable (this host is not a recipient)", stall.Reason, StringComparison.Ordinal);
        Assert.Contains("cannot be decrypted on host", stall.Reason, StringComparison.Ordinal);
        Assert.Equal(ResourceStatus.Undecryptable, row.Status);
        Assert.DoesNotContain("only-for-recipients", DriftReportJson.Serialize(report), StringComparison.Ordinal);

        // The host the secret is encrypted to converges on the same revision.
        Reconciler.Secrets = SecretKeyring.Of([otherHost]);
        await SyncOkAsync();
        Assert.NotEqual(before["web"], (await ContainerIdsAsync())["web"]);
    }
}
