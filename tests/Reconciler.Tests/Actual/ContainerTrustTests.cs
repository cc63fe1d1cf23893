using GitOps.Reconciler.Actual;
using GitOps.Reconciler.Planning;
using GitOps.Reconciler.Stacks;
using GitOps.Reconciler.Tests.Engine;

namespace GitOps.Reconciler.Tests.Actual;

public class ContainerTrustTests
{
    private static readonly ContainerTrust WithServiceDiff = new((desired, actual) => ServiceDiff.Between(desired, actual).Count == 0);

    [Fact]
    public void Matches_SameSpec_True()
    {
        Assert.True(WithServiceDiff.Matches(SpecSamples.Full, SpecSamples.Full));
    }

    [Fact]
    public void Matches_SpecDiffersInAField_False()
    {
        Assert.False(WithServiceDiff.Matches(SpecSamples.Full, SpecSamples.Full with { Image = "other:v9" }));
    }

    [Fact]
    public void Matches_NoComparisonGiven_NeverTrusts()
    {
        Assert.False(new ContainerTrust().Matches(SpecSamples.Full, SpecSamples.Full));
    }
}
