using Xunit.Abstractions;
using Xunit.Sdk;

namespace GitOps.Tests.Ordering;

/// <summary>
/// Runs collections, the classes in each collection and the tests in each class in an order drawn from one seed.
/// xunit's orderers cover collections and the tests of a class; the classes of a collection run in the order their
/// tests arrive, so those are shuffled here.
/// </summary>
public sealed class RandomOrderAssemblyRunner(
    ITestAssembly testAssembly,
    IEnumerable<IXunitTestCase> testCases,
    IMessageSink diagnosticMessageSink,
    IMessageSink executionMessageSink,
    ITestFrameworkExecutionOptions executionOptions,
    int seed)
    : XunitTestAssemblyRunner(testAssembly, testCases, diagnosticMessageSink, executionMessageSink, executionOptions)
{
    protected override async Task AfterTestAssemblyStartingAsync()
    {
        await base.AfterTestAssemblyStartingAsync();
        TestCollectionOrderer = new SeededTestCollectionOrderer(seed);
        TestCaseOrderer = new SeededTestCaseOrderer(seed);
    }

    protected override string GetTestFrameworkEnvironment() =>
        $"{base.GetTestFrameworkEnvironment()} [test order seed {seed}]";

    protected override Task<RunSummary> RunTestCollectionAsync(
        IMessageBus messageBus,
        ITestCollection testCollection,
        IEnumerable<IXunitTestCase> testCases,
        CancellationTokenSource cancellationTokenSource)
    {
        var cases = testCases.ToList();
        var classes = TestOrderSeed.Shuffle(cases.Select(c => c.TestMethod.TestClass.Class.Name).Distinct(), name => name, seed, testCollection.DisplayName);
        var byClass = cases.ToLookup(c => c.TestMethod.TestClass.Class.Name);
        return base.RunTestCollectionAsync(messageBus, testCollection, classes.SelectMany(name => byClass[name]), cancellationTokenSource);
    }
}
