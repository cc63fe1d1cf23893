using Xunit.Abstractions;
using Xunit.Sdk;

namespace GitOps.Tests.Ordering;

/// <summary>The test collections of the assembly in the run's seeded order.</summary>
public sealed class SeededTestCollectionOrderer(int seed) : ITestCollectionOrderer
{
    public IEnumerable<ITestCollection> OrderTestCollections(IEnumerable<ITestCollection> testCollections) =>
        TestOrderSeed.Shuffle(testCollections, c => c.DisplayName, seed, "collections");
}
