using Xunit.Abstractions;
using Xunit.Sdk;

namespace GitOps.Tests.Ordering;

/// <summary>The test cases of one class in the run's seeded order.</summary>
public sealed class SeededTestCaseOrderer(int seed) : ITestCaseOrderer
{
    public IEnumerable<TTestCase> OrderTestCases<TTestCase>(IEnumerable<TTestCase> testCases)
        where TTestCase : ITestCase
    {
        var cases = testCases.ToList();
        var scope = cases.Count == 0 ? "" : cases[0].TestMethod.TestClass.Class.Name;
        return TestOrderSeed.Shuffle(cases, c => c.UniqueID, seed, scope);
    }
}
