using GitOps.Reconciler.Reconciliation;

namespace GitOps.Reconciler.Tests.Architecture;

public class NamespaceCycleTests
{
    private static readonly NamespaceGraph Reconciler = NamespaceGraph.Of(typeof(HostReconciler).Assembly);

    [Fact]
    public void ReconcilerAssembly_Namespaces_FormNoCycle()
    {
        var cycles = Reconciler.Cycles()
            .Select(cycle => string.Join("\n  ", cycle.SelectMany(from => Reconciler.Edges[from]
                .Where(edge => cycle.Contains(edge.Key))
                .Select(edge => $"{from} -> {edge.Key} ({string.Join(", ", edge.Value)})"))))
            .ToList();

        Assert.True(cycles.Count == 0, "namespace cycles in GitOps.Reconciler:\n" + string.Join("\n", cycles));
    }

    [Fact]
    public void ReconcilerAssembly_EveryTokenResolved_GraphIsComplete()
    {
        Assert.Empty(Reconciler.Unresolved);
        Assert.Contains("GitOps.Reconciler.Actual.Events", Reconciler.Edges.Keys);
    }

    [Fact]
    public void Cycles_TwoNamespacesUsingEachOther_Found()
    {
        var graph = NamespaceGraph.Of(typeof(NamespaceCycleTests).Assembly);

        var cycle = Assert.Single(graph.Cycles(), c => c.Contains("GitOps.Reconciler.Tests.Architecture.Samples.Upper"));
        Assert.Equal(["GitOps.Reconciler.Tests.Architecture.Samples.Lower", "GitOps.Reconciler.Tests.Architecture.Samples.Upper"], cycle);
    }
}
