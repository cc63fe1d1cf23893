using GitOps.Reconciler.Apply;
using GitOps.Reconciler.Common;
using GitOps.Reconciler.Planning;
using GitOps.Reconciler.Reconciliation;
using GitOps.Reconciler.Repository;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using NSubstitute;
using NSubstitute.ExceptionExtensions;

namespace GitOps.Reconciler.Tests.Reconciliation;

/// <summary>The host reconciler over kinds it knows only as <see cref="IKindSlice"/>s.</summary>
public sealed class HostReconcilerTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "host-reconciler-" + Guid.NewGuid().ToString("N")[..8]);
    private readonly IReconcileMemory _memory = Substitute.For<IReconcileMemory>();
    private readonly List<string> _applied = [];

    public HostReconcilerTests()
    {
        Directory.CreateDirectory(_root);
        File.WriteAllText(Path.Combine(_root, "inventory.yaml"), "hosts:\n  h1: {}\n");
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private static IKindPlan Part(string kind, bool changes = true)
    {
        var part = Substitute.For<IKindPlan>();
        part.Kind.Returns(kind);
        part.HasChanges.Returns(changes);
        part.Sections.Returns([]);
        part.Provides.Returns([]);
        part.Needs.Returns([]);
        return part;
    }

    private IKindSlice Slice(string kind, IKindPlan? part, params string[] refusals) => Slice(kind, part, ApplyStatus.Unchanged, null, refusals);

    private IKindSlice Slice(string kind, IKindPlan? part, ApplyStatus outcome, string? failure, params string[] refusals)
    {
        var slice = Substitute.For<IKindSlice>();
        slice.Kind.Returns(kind);
        slice.PlanAsync(Arg.Any<KindPlanRequest>(), Arg.Any<CancellationToken>())
            .Returns(part is null ? null : new Plan("h1", ValueList.Of(part), ValueList.From(refusals)));
        slice.ApplyAsync(Arg.Any<IKindPlan>(), Arg.Any<ReconcileResult>(), Arg.Any<IProgress<ApplyEvent>?>(), Arg.Any<CancellationToken>())
            .Returns(call =>
            {
                _applied.Add(call.Arg<IKindPlan>().Kind);
                return call.Arg<ReconcileResult>().With(outcome, failure);
            });
        return slice;
    }

    private HostReconciler Reconciler(params IKindSlice[] kinds) =>
        new(kinds, _memory, GitOps.Reconciler.Secrets.ConfigHashKey.Unkeyed, new FakeTimeProvider(), NullLogger<HostReconciler>.Instance);

    private Task<ReconcileResult> PlanAsync(HostReconciler reconciler) =>
        reconciler.PlanAsync(new RepoDirectory(_root), "h1", "rev-1", fullDrift: false, CancellationToken.None);

    [Fact]
    public async Task PlanAsync_KindsRegistered_OnePartEachInTheirOrder()
    {
        var result = await PlanAsync(Reconciler(Slice("models", Part("models")), Slice("stacks", Part("stacks")), Slice("tasks", Part("tasks"))));

        Assert.Equal(ReconcileStatus.Converged, result.Status);
        Assert.Equal(["models", "stacks", "tasks"], result.Plan!.Kinds.Select(k => k.Kind));
    }

    [Fact]
    public async Task PlanAsync_KindSitsOut_NoPartForIt()
    {
        var result = await PlanAsync(Reconciler(Slice("stacks", Part("stacks", changes: false)), Slice("tasks", null)));

        Assert.Equal(ReconcileStatus.Unchanged, result.Status);
        Assert.Equal(["stacks"], result.Plan!.Kinds.Select(k => k.Kind));
    }

    [Fact]
    public async Task PlanAsync_APartRefused_ThePlanIsRefused()
    {
        var result = await PlanAsync(Reconciler(Slice("models", Part("models"), "model layout: path outside the allowed roots"), Slice("stacks", Part("stacks"))));

        Assert.Equal(ReconcileStatus.Refused, result.Status);
        Assert.Equal("model layout: path outside the allowed roots", result.Error);
    }

    [Fact]
    public async Task PlanAsync_ActualStateUnreadable_ProbeFailedWithoutAPlan()
    {
        var stacks = Slice("stacks", Part("stacks"));
        stacks.PlanAsync(Arg.Any<KindPlanRequest>(), Arg.Any<CancellationToken>())
            .ThrowsAsync(new ActualStateUnreadableException("Docker engine unreachable: gone"));

        var result = await PlanAsync(Reconciler(stacks, Slice("tasks", Part("tasks"))));

        Assert.Equal(ReconcileStatus.ProbeFailed, result.Status);
        Assert.Equal("Docker engine unreachable: gone", result.Error);
        Assert.Null(result.Plan);
    }

    [Fact]
    public async Task ApplyAsync_NeededKindPlannedLater_AppliedFirst()
    {
        var tasks = Part("tasks");
        tasks.Needs.Returns([new PlanLink("network:ocr_default", new ResourceRef(ResourceKind.Task, "", "backup"), "joins the network")]);
        var stacks = Part("stacks");
        stacks.Provides.Returns([new PlanLink("network:ocr_default", new ResourceRef(ResourceKind.Network, "ocr", "default"))]);
        var reconciler = Reconciler(Slice("tasks", tasks), Slice("stacks", stacks));

        await reconciler.ApplyAsync(await PlanAsync(reconciler), null, CancellationToken.None);

        Assert.Equal(["stacks", "tasks"], _applied);
    }

    [Fact]
    public async Task ApplyAsync_EachKindAppliesItsPart_OutcomesFoldedIntoTheResult()
    {
        var reconciler = Reconciler(
            Slice("models", Part("models"), ApplyStatus.Applied, null),
            Slice("stacks", Part("stacks"), ApplyStatus.Failed, "ocr/web: image not found"),
            Slice("tasks", Part("tasks"), ApplyStatus.Applied, null));

        var result = await reconciler.ApplyAsync(await PlanAsync(reconciler), null, CancellationToken.None);

        Assert.Equal(ReconcileStatus.ApplyFailed, result.Status);
        Assert.Equal("ocr/web: image not found", result.Error);
        Assert.Equal(["models", "stacks", "tasks"], _applied);
    }

    [Fact]
    public async Task PlanAsync_EveryKind_GetsTheHostsHashKeyAndTheVerifyFlag()
    {
        var key = GitOps.Reconciler.Secrets.ConfigHashKey.FromBytes(new byte[32]);
        var models = Slice("models", Part("models"));
        var stacks = Slice("stacks", Part("stacks"));
        var reconciler = new HostReconciler([models, stacks], _memory, key, new FakeTimeProvider(), NullLogger<HostReconciler>.Instance) { VerifyContent = true };

        await PlanAsync(reconciler);

        foreach (var slice in new[] { models, stacks })
        {
            await slice.Received(1).PlanAsync(Arg.Is<KindPlanRequest>(r => r.HashKey == key && r.VerifyContent), Arg.Any<CancellationToken>());
        }
    }

    [Fact]
    public async Task PlanAsync_OnlyPlanning_NoKindRemembers()
    {
        var models = Slice("models", Part("models"));

        await PlanAsync(Reconciler(models));

        models.DidNotReceiveWithAnyArgs().Remember(default!);
    }

    [Fact]
    public async Task RecordAsync_AReportedPass_EveryKindRemembersIt()
    {
        var models = Slice("models", Part("models"));
        var stacks = Slice("stacks", Part("stacks"));
        var reconciler = Reconciler(models, stacks);
        var planned = await PlanAsync(reconciler);

        await reconciler.RecordAsync(planned, CancellationToken.None);

        models.Received(1).Remember(planned);
        stacks.Received(1).Remember(planned);
    }
}
