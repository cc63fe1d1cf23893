using GitOps.Reconciler.Actual;
using GitOps.Reconciler.Common;
using GitOps.Reconciler.Compose;
using GitOps.Reconciler.Planning;
using GitOps.Reconciler.Reporting.Drift;
using GitOps.Reconciler.Tests.Planning;
using GitOps.Reconciler.Secrets;

namespace GitOps.Reconciler.Tests.Reporting.Drift;

public class DriftReportBuilderTests
{
    private static DriftResource Service(DriftReport report, string stack, string name) =>
        report.Find(DriftKind.Service, stack, name) ?? throw new InvalidOperationException($"no service {stack}/{name}");

    [Fact]
    public void Build_UpToDate_EverythingInSyncWithoutCause()
    {
        var report = SampleReports.InSync();

        Assert.Equal(ReportStatus.InSync, report.Status);
        Assert.All(report.Resources, r => Assert.Equal(ResourceStatus.InSync, r.Status));
        Assert.All(report.Resources, r => Assert.Null(r.Cause));
        Assert.Equal(["stack:demo", "network:default", "service:api", "service:web"], report.Resources.Select(r => $"{r.Kind}:{r.Name}".ToLowerInvariant()));
        Assert.Equal(DriftReport.CurrentSchemaVersion, report.SchemaVersion);
        Assert.Equal(Given.Host, report.Host);
        Assert.Equal(SampleReports.Revision, report.Revision);
        Assert.Equal(SampleReports.Now, report.GeneratedAt);
    }

    [Fact]
    public void Build_TagChangedInGit_DriftedCausedByGit()
    {
        var web = Service(SampleReports.Mixed(), "demo", "web");

        Assert.Equal(ResourceStatus.Drifted, web.Status);
        Assert.Equal(DriftCause.Git, web.Cause);
        Assert.Contains(new DriftDifference("image", Given.WebV2, Given.WebV1), web.Differences);
    }

    [Fact]
    public void Build_ContainerStoppedByHand_DriftedCausedOnHost()
    {
        var api = Service(SampleReports.Mixed(), "demo", "api");

        Assert.Equal(ResourceStatus.Drifted, api.Status);
        Assert.Equal(DriftCause.Host, api.Cause);
        Assert.Equal([new DriftDifference("state", "running", "exited (137)")], api.Differences);
        Assert.Equal(PlanReasons.NotRunning, api.Note);
    }

    [Fact]
    public void Build_SameSpecOtherImageId_DriftedCausedOnHost()
    {
        var desired = SampleReports.Demo();
        var actual = Given.Deployed(desired).EditContainers("demo", "web", c => c with { ImageId = "sha256:" + new string('e', 64) });

        var web = Service(SampleReports.Build(desired, actual), "demo", "web");

        Assert.Equal(ResourceStatus.Drifted, web.Status);
        Assert.Equal(DriftCause.Host, web.Cause);
        Assert.Equal("image.id", Assert.Single(web.Differences).Field);
    }

    [Fact]
    public void Build_NewService_MissingCausedByGit()
    {
        var desired = SampleReports.Demo();
        var actual = Given.Deployed(desired);
        var grown = desired with { Stacks = desired.Stacks.With("demo", desired.Stacks["demo"].WithService(Given.Service("worker"))) };

        var worker = Service(SampleReports.Build(grown, actual), "demo", "worker");

        Assert.Equal(ResourceStatus.Missing, worker.Status);
        Assert.Equal(DriftCause.Git, worker.Cause);
    }

    [Fact]
    public void Build_ServiceRemovedByHandAfterInSyncReport_MissingCausedOnHost()
    {
        var desired = SampleReports.Demo();
        var previous = SampleReports.InSync();
        var actual = Given.Deployed(desired).RemoveContainers("demo", c => c.Service == "api");

        var api = Service(SampleReports.Build(desired, actual, i => i with { Previous = previous }), "demo", "api");

        Assert.Equal(ResourceStatus.Missing, api.Status);
        Assert.Equal(DriftCause.Host, api.Cause);
    }

    [Fact]
    public void Build_NetworkRemovedByHand_NetworkMissingAndServicesDriftedOnHost()
    {
        var desired = SampleReports.Demo();
        var previous = SampleReports.InSync();
        var actual = Given.Deployed(desired).EditStack("demo", s => s with { Networks = s.Networks.Without("default") });

        var report = SampleReports.Build(desired, actual, i => i with { Previous = previous });

        var network = report.Find(DriftKind.Network, "demo", "default")!;
        Assert.Equal((ResourceStatus.Missing, DriftCause.Host), (network.Status, network.Cause));
        Assert.Equal((ResourceStatus.Drifted, DriftCause.Host), (Service(report, "demo", "web").Status, Service(report, "demo", "web").Cause));
    }

    [Fact]
    public void Build_ServiceRemovedFromRepo_ExtraCausedByGit()
    {
        var actual = Given.Deployed(SampleReports.Demo());
        var desired = Given.Desired(Given.Stack("demo", Given.Service("web").WithEnv("DB_PASSWORD", "hunter2")));

        var api = Service(SampleReports.Build(desired, actual), "demo", "api");

        Assert.Equal((ResourceStatus.Extra, DriftCause.Git), (api.Status, api.Cause));
    }

    [Fact]
    public void Build_ReplicasRaisedInGit_DriftedCausedByGit()
    {
        var actual = Given.Deployed(SampleReports.Demo());
        var desired = Given.Desired(Given.Stack("demo", Given.Service("web").WithEnv("DB_PASSWORD", "hunter2") with { Replicas = 2 }, Given.Service("api")));

        var web = Service(SampleReports.Build(desired, actual), "demo", "web");

        Assert.Equal((ResourceStatus.Drifted, DriftCause.Git), (web.Status, web.Cause));
    }

    [Fact]
    public void Build_ReplicaRemovedByHandAfterInSyncReport_DriftedCausedOnHost()
    {
        var desired = Given.Desired(Given.Stack("demo", Given.Service("web") with { Replicas = 2 }));
        var previous = SampleReports.Build(desired, Given.Deployed(desired));
        var actual = Given.Deployed(desired).RemoveContainers("demo", c => c.Number == 2);

        var web = Service(SampleReports.Build(desired, actual, i => i with { Previous = previous }), "demo", "web");

        Assert.Equal((ResourceStatus.Drifted, DriftCause.Host), (web.Status, web.Cause));
        Assert.Equal([new DriftDifference("replicas", "2", "1")], web.Differences);
    }

    [Fact]
    public void Build_SuspendedStack_EveryResourceSuspendedAndNotCountedAsDrift()
    {
        var report = SampleReports.Mixed();

        var paused = report.Resources.Where(r => r.Stack == "paused").ToList();
        Assert.All(paused, r => Assert.Equal(ResourceStatus.Suspended, r.Status));
        Assert.Equal(DriftCause.Git, Service(report, "paused", "web").Cause);
        Assert.Equal(ReportStatus.Drifted, report.Status);
    }

    [Fact]
    public void Build_SuspendedStackWithAStoppedContainerBesideAnInSyncStack_OverallSuspendedWithTheDifferenceAndExitTwo()
    {
        var desired = Given.Desired(Given.Stack("paused", Given.Service("web")).Suspended(), Given.Stack("live", Given.Service("web")));
        var actual = Given.Deployed(desired).EditContainers("paused", "web", c => c with { Running = false, ExitCode = 137 });

        var report = SampleReports.Build(desired, actual);

        var web = Service(report, "paused", "web");
        Assert.Equal(ResourceStatus.Suspended, web.Status);
        Assert.Contains(web.Differences, d => d.Field == "state" && d.Desired == "running");
        Assert.Equal(ReportStatus.Suspended, report.Status);
        Assert.Equal(2, DriftExitCode.Of(report));
    }

    [Fact]
    public void Build_OnlySuspendedStacks_OverallSuspended()
    {
        var desired = Given.Desired(Given.Stack("paused", Given.Service("web")).Suspended());

        var report = SampleReports.Build(desired, Given.Deployed(desired));

        Assert.Equal(ReportStatus.Suspended, report.Status);
    }

    [Fact]
    public void Build_HostSuspended_OverallSuspended()
    {
        var report = SampleReports.Build(SampleReports.Demo(Given.WebV2), Given.Deployed(SampleReports.Demo()), i => i with { HostSuspended = true });

        Assert.Equal(ReportStatus.Suspended, report.Status);
    }

    [Fact]
    public void Build_StackRow_SummarisesItsResources()
    {
        var report = SampleReports.Mixed();

        var demo = report.Find(DriftKind.Stack, "demo", "demo")!;
        Assert.Equal((ResourceStatus.Drifted, DriftCause.Git), (demo.Status, demo.Cause));
        Assert.Empty(demo.Differences);
        Assert.Equal(ResourceStatus.Suspended, report.Find(DriftKind.Stack, "paused", "paused")!.Status);
    }

    [Fact]
    public void Build_NewStack_StackRowMissing()
    {
        var report = SampleReports.Build(SampleReports.Demo(), ActualState.Empty);

        Assert.Equal(ResourceStatus.Missing, report.Find(DriftKind.Stack, "demo", "demo")!.Status);
        Assert.Equal(ReportStatus.Drifted, report.Status);
    }

    [Fact]
    public void Build_StackNoLongerTargeted_StackRowExtra()
    {
        var actual = Given.Deployed(Given.Desired(Given.Stack("old", Given.Service("web")), Given.Stack("demo", Given.Service("api"))));

        var report = SampleReports.Build(Given.Desired(Given.Stack("demo", Given.Service("api"))), actual);

        var old = report.Find(DriftKind.Stack, "old", "old")!;
        Assert.Equal((ResourceStatus.Extra, DriftCause.Git), (old.Status, old.Cause));
        Assert.Equal(PlanReasons.StackRemoved, old.Note);
    }

    [Fact]
    public void Build_ApplyOutcomeFailed_ResourceFailedWithErrorAndOverallFailed()
    {
        var outcome = new ApplyOutcome(DriftKind.Service, "demo", "web", ApplyFailure.Failed, "pull 127.0.0.1:5000/demo/web:v2: not found");

        var report = SampleReports.Build(SampleReports.Demo(Given.WebV2), Given.Deployed(SampleReports.Demo()), i => i with { Outcomes = ValueList.Of(outcome) });

        var web = Service(report, "demo", "web");
        Assert.Equal(ResourceStatus.Failed, web.Status);
        Assert.Equal(outcome.Reason, web.LastError);
        Assert.Equal(ResourceStatus.Failed, report.Find(DriftKind.Stack, "demo", "demo")!.Status);
        Assert.Equal(ReportStatus.Failed, report.Status);
    }

    [Fact]
    public void Build_ApplyOutcomeRolledBack_ResourceRolledBack()
    {
        var outcome = new ApplyOutcome(DriftKind.Service, "demo", "web", ApplyFailure.RolledBack, "not healthy within 30s");

        var report = SampleReports.Build(SampleReports.Demo(Given.WebV2), Given.Deployed(SampleReports.Demo()), i => i with { Outcomes = ValueList.Of(outcome) });

        Assert.Equal(ResourceStatus.RolledBack, Service(report, "demo", "web").Status);
        Assert.Equal(ReportStatus.Failed, report.Status);
    }

    [Fact]
    public void Build_HeldAfterRollback_RolledBackCausedByGit()
    {
        var desired = SampleReports.Demo(Given.WebV2);
        var held = desired.Stacks["demo"].Compose.Services["web"];
        var context = new PlanningContext(ValueMap<string>.Empty.With("demo/web", ServiceSpecHash.Of(held, ConfigHashKey.Unkeyed)), ValueList<string>.Empty);

        var web = Service(SampleReports.Build(desired, Given.Deployed(SampleReports.Demo()), context: context), "demo", "web");

        Assert.Equal((ResourceStatus.RolledBack, DriftCause.Git), (web.Status, web.Cause));
    }

    [Fact]
    public void Build_ContainerCrashLooping_CrashLoopingWithExitCodeLogsAndOverallFailed()
    {
        var desired = SampleReports.Demo();
        var loop = new GitOps.Reconciler.Actual.CrashLoop(4, 3, ValueList.Of("boom"));
        var actual = Given.Deployed(desired).EditContainers("demo", "web", c => c with { CrashLoop = loop });

        var report = SampleReports.Build(desired, actual);

        var web = Service(report, "demo", "web");
        Assert.Equal((ResourceStatus.CrashLooping, 3), (web.Status, web.ExitCode));
        Assert.Equal(["boom"], web.Logs);
        Assert.Contains("last exit code 3", web.LastError, StringComparison.Ordinal);
        Assert.Equal(ResourceStatus.CrashLooping, report.Find(DriftKind.Stack, "demo", "demo")!.Status);
        Assert.Equal(ReportStatus.Failed, report.Status);
        Assert.Equal(web, DriftReportJson.Deserialize(DriftReportJson.Serialize(report)).Find(DriftKind.Service, "demo", "web"));
    }

    [Fact]
    public void Build_HeldSpecIsWhatRuns_FailedNotRolledBack()
    {
        // A crash-looping first deploy: the failed spec is held, and it is what runs; nothing was rolled back.
        var desired = SampleReports.Demo(Given.WebV2);
        var held = desired.Stacks["demo"].Compose.Services["web"];
        var context = new PlanningContext(ValueMap<string>.Empty.With("demo/web", ServiceSpecHash.Of(held, ConfigHashKey.Unkeyed)), ValueList<string>.Empty);

        var web = Service(SampleReports.Build(desired, Given.Deployed(desired), context: context), "demo", "web");

        Assert.Equal(ResourceStatus.Failed, web.Status);
        Assert.DoesNotContain("rolled back", web.Note, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_PreviousReportSameStatus_SinceCarriedOver()
    {
        var earlier = SampleReports.Now.AddMinutes(-30);
        var previous = SampleReports.Mixed() with { };
        previous = previous with { Resources = ValueList.From(previous.Resources.Select(r => r with { Since = earlier })) };
        var actual = Given.Deployed(SampleReports.Demo()).EditContainers("demo", "api", c => c with { Running = false, ExitCode = 137 });

        var report = SampleReports.Build(SampleReports.Demo(), actual, i => i with { Previous = previous });

        Assert.Equal(earlier, Service(report, "demo", "api").Since);
        Assert.Equal(SampleReports.Now, Service(report, "demo", "web").Since);
    }

    [Fact]
    public void Build_SecretInPlanField_Masked()
    {
        var report = DriftReportBuilder.Build(new DriftReportInput(
            SamplePlans.WithFields(new FieldChange("environment.API_TOKEN", "new-token", "old-token")), SampleReports.Revision, SampleReports.Now));

        Assert.Equal(new DriftDifference("environment.API_TOKEN", "******", "******"), Assert.Single(Service(report, "demo", "web").Differences));
    }

    [Fact]
    public void Build_Converging_ConvergingWhileDrifted()
    {
        var report = SampleReports.Build(SampleReports.Demo(Given.WebV2), Given.Deployed(SampleReports.Demo()), i => i with { Converging = true });

        Assert.Equal(ReportStatus.Converging, report.Status);
    }

    [Fact]
    public void Build_ConvergingAfterAFailedPass_ConvergingWithTheErrorAndStepKept()
    {
        var step = new DriftStep("pull demo/web", DateTimeOffset.UnixEpoch);

        var report = SampleReports.Build(SampleReports.Demo(Given.WebV2), Given.Deployed(SampleReports.Demo()),
            i => i with { Converging = true, LastError = "demo/web: pull failed", Step = step });

        Assert.Equal(ReportStatus.Converging, report.Status);
        Assert.Equal("demo/web: pull failed", report.LastError);
        Assert.Equal(step, report.Step);
    }

    [Fact]
    public void Build_Stall_StalledWithDiagnostics()
    {
        var stall = new DriftStall("ValidationFailed", ValueList.Of(new DriftDiagnostic("stacks/demo/compose.yaml", 3, 5, "unknown key")));

        var report = SampleReports.Build(SampleReports.Demo(), Given.Deployed(SampleReports.Demo()), i => i with { Stall = stall, LastError = "invalid revision" });

        Assert.Equal(ReportStatus.Stalled, report.Status);
        Assert.Equal(stall, report.Stalled);
        Assert.Equal("invalid revision", report.LastError);
    }

    [Fact]
    public void Build_StallOnASecretThisHostCannotDecrypt_StackRowUndecryptable()
    {
        const string message = "stacks/demo/secret.env: undecryptable (this host is not a recipient): no identity matches";
        var stall = new DriftStall("cannot be decrypted", ValueList.Of(new DriftDiagnostic("stacks/demo/compose.yaml", 6, 7, message)));

        var report = SampleReports.Build(SampleReports.Demo(), Given.Deployed(SampleReports.Demo()), i => i with { Stall = stall });

        var row = Assert.Single(report.Resources, r => r.Kind == DriftKind.Stack);
        Assert.Equal(ResourceStatus.Undecryptable, row.Status);
        Assert.Equal(message, row.LastError);
        Assert.Equal(ReportStatus.Stalled, report.Status);
        Assert.Contains("\"status\": \"undecryptable\"", DriftReportJson.Serialize(report), StringComparison.Ordinal);
    }

    [Fact]
    public void Build_NewStackUndecryptable_GetsARowOfItsOwn()
    {
        var stall = new DriftStall("cannot be decrypted", ValueList.Of(
            new DriftDiagnostic("stacks/chat/compose.yaml", 4, 7, "stacks/chat/bot.env: undecryptable (MAC mismatch): values were changed")));

        var report = SampleReports.Build(SampleReports.Demo(), Given.Deployed(SampleReports.Demo()), i => i with { Stall = stall });

        Assert.Equal(ResourceStatus.Undecryptable, Assert.Single(report.Resources, r => r.Stack == "chat").Status);
        Assert.Equal(ResourceStatus.InSync, Assert.Single(report.Resources, r => r.Kind == DriftKind.Stack && r.Stack == "demo").Status);
    }

    [Fact]
    public void Build_PlanRefused_Stalled()
    {
        var report = DriftReportBuilder.Build(new DriftReportInput(SamplePlans.RefusingToRemoveAll(), SampleReports.Revision, SampleReports.Now));

        Assert.Equal(ReportStatus.Stalled, report.Status);
        Assert.Contains("would remove every stack", report.Stalled!.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_LastError_OverallFailed()
    {
        var report = SampleReports.Build(SampleReports.Demo(), Given.Deployed(SampleReports.Demo()), i => i with { LastError = "FetchFailed: connection refused" });

        Assert.Equal(ReportStatus.Failed, report.Status);
    }

    [Fact]
    public void Build_StoppedWithSelfHealOff_DriftedOnHostAndLeftAlone()
    {
        var stack = Given.Stack("demo", Given.Service("web"));
        var desired = Given.Desired(stack with { Policy = stack.Policy with { SelfHeal = false } });
        var actual = Given.Deployed(desired).EditContainers("demo", "web", c => c with { Running = false, ExitCode = 1 });

        var web = Service(SampleReports.Build(desired, actual), "demo", "web");

        Assert.Equal((ResourceStatus.Drifted, DriftCause.Host), (web.Status, web.Cause));
        Assert.Equal(PlanReasons.SelfHealOff, web.Note);
    }

    [Fact]
    public void Build_VolumeDiffersFromRepo_DriftedNotActedOn()
    {
        var desired = Given.Desired(Given.Stack("demo", Given.Service("web")).WithVolume("data"));
        var actual = Given.Deployed(desired).EditStack("demo", s => s with
        {
            Volumes = s.Volumes.With("data", s.Volumes["data"] with { Spec = s.Volumes["data"].Spec with { Driver = "other" } }),
        });

        var volume = SampleReports.Build(desired, actual).Find(DriftKind.Volume, "demo", "data")!;

        Assert.Equal((ResourceStatus.Drifted, DriftCause.Git), (volume.Status, volume.Cause));
        Assert.Equal([new DriftDifference("driver", "local", "other")], volume.Differences);
    }

    [Fact]
    public void Build_VolumeKeptAfterRemoval_InSyncWithNote()
    {
        var before = Given.Desired(Given.Stack("demo", Given.Service("web")).WithVolume("data"));

        var volume = SampleReports.Build(Given.Desired(Given.Stack("demo", Given.Service("web"))), Given.Deployed(before)).Find(DriftKind.Volume, "demo", "data")!;

        Assert.Equal(ResourceStatus.InSync, volume.Status);
        Assert.Equal(PlanReasons.VolumeUndeclared, volume.Note);
    }

    [Fact]
    public void Build_ContainerAddedByHandAtSameCommit_ExtraOnHost()
    {
        var desired = SampleReports.Demo();
        var previous = SampleReports.InSync();
        var actual = Given.Deployed(desired).AddContainer("demo", Given.Container("demo", Given.Service("intruder")));

        var intruder = Service(SampleReports.Build(desired, actual, i => i with { Previous = previous }), "demo", "intruder");

        Assert.Equal((ResourceStatus.Extra, DriftCause.Host), (intruder.Status, intruder.Cause));
    }
}
