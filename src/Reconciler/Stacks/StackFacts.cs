using GitOps.Reconciler.Actual;
using GitOps.Reconciler.Common;
using GitOps.Reconciler.Planning;

namespace GitOps.Reconciler.Stacks;

/// <summary>What the planning of one service needs to know about the rest of its stack and the host.</summary>
/// <param name="RecreatedNetworks">Networks (by compose key) created or replaced by this plan, with what was wrong
/// (<c>missing</c>, <c>replaced</c>): existing containers attached to them must be recreated too.</param>
/// <param name="AwaitedToComplete">Services that another service waits for with <c>service_completed_successfully</c>.</param>
/// <param name="SelfHeal">The stack's policy: when false, containers stopped on the host are reported, not restarted.</param>
internal sealed record StackFacts(
    string Stack,
    ValueMap<ImageInfo> Images,
    PlanningContext Context,
    IReadOnlyDictionary<string, string> RecreatedNetworks,
    IReadOnlySet<string> AwaitedToComplete,
    bool SelfHeal);
