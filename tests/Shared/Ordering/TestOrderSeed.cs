namespace GitOps.Tests.Ordering;

/// <summary>
/// The seed of this run's test order: <c>GITOPS_TEST_SEED</c> when set (scripts/test.sh sets it and prints it first),
/// otherwise a new one. The same seed and the same tests give the same order, so a failure that depends on order
/// is replayed with <c>GITOPS_TEST_SEED=N</c>.
/// </summary>
public static class TestOrderSeed
{
    public const string Variable = "GITOPS_TEST_SEED";

    public static int Read()
    {
        var text = Environment.GetEnvironmentVariable(Variable);
        if (string.IsNullOrEmpty(text))
        {
            return Random.Shared.Next();
        }
        return int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var seed)
            ? seed
            : throw new InvalidOperationException($"{Variable}={text} is not a non-negative integer");
    }

    /// <summary>
    /// Sorts by a stable key, then shuffles with a generator seeded by <paramref name="seed"/> and <paramref name="scope"/>:
    /// the order depends on neither the discovery order nor which scope ran first.
    /// </summary>
    public static List<T> Shuffle<T>(IEnumerable<T> items, Func<T, string> key, int seed, string scope)
    {
        var list = items.OrderBy(key, StringComparer.Ordinal).ToList();
        var random = new Random(unchecked(seed ^ StableHash(scope)));
        for (var i = list.Count - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (list[i], list[j]) = (list[j], list[i]);
        }
        return list;
    }

    // string.GetHashCode differs between processes; a replay needs the same value in every run.
    private static int StableHash(string text)
    {
        var hash = 2166136261u;
        foreach (var c in text)
        {
            hash = unchecked((hash ^ c) * 16777619u);
        }
        return unchecked((int)hash);
    }
}
