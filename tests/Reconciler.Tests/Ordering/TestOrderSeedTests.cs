using GitOps.Tests.Ordering;

namespace GitOps.Reconciler.Tests.Ordering;

/// <summary>The seeded test order: random between seeds, the same for one seed whatever order discovery gave.</summary>
public sealed class TestOrderSeedTests
{
    private static readonly string[] Names = [.. Enumerable.Range(0, 40).Select(i => $"Test{i:00}")];

    [Fact]
    public void Shuffle_SameSeedAndScope_SameOrderWhateverTheInputOrder()
    {
        var forward = TestOrderSeed.Shuffle(Names, n => n, 1234, "ClassA");
        var backward = TestOrderSeed.Shuffle(Names.Reverse(), n => n, 1234, "ClassA");

        Assert.Equal(forward, backward);
        Assert.Equal(Names.Order(StringComparer.Ordinal), forward.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Shuffle_OtherSeedsOrScopes_OtherOrders()
    {
        var orders = new[] { (1, "ClassA"), (2, "ClassA"), (3, "ClassA"), (1, "ClassB") }
            .Select(o => string.Join(",", TestOrderSeed.Shuffle(Names, n => n, o.Item1, o.Item2)))
            .ToList();

        Assert.Equal(orders.Count, orders.Distinct().Count());
        Assert.DoesNotContain(string.Join(",", Names), orders);
    }

    [Fact]
    public void Read_SeedInTheEnvironment_Used()
    {
        var before = Environment.GetEnvironmentVariable(TestOrderSeed.Variable);
        try
        {
            Environment.SetEnvironmentVariable(TestOrderSeed.Variable, "987");
            Assert.Equal(987, TestOrderSeed.Read());
            Environment.SetEnvironmentVariable(TestOrderSeed.Variable, "not-a-number");
            Assert.Throws<InvalidOperationException>(() => TestOrderSeed.Read());
        }
        finally
        {
            Environment.SetEnvironmentVariable(TestOrderSeed.Variable, before);
        }
    }
}
