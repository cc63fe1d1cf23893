using GitOps.Reconciler.Compose;
using GitOps.Reconciler.Diagnostics;

namespace GitOps.Reconciler.Tests.Compose;

internal static class ComposeAssert
{
    /// <summary>Loads <paramref name="compose"/> and asserts it succeeds without errors.</summary>
    public static StackSpec Loads(string compose, IReadOnlyDictionary<string, string>? variables = null, params string[] profiles)
    {
        using var repo = new TempRepo();
        return Loads(repo, compose, variables, profiles);
    }

    public static StackSpec Loads(TempRepo repo, string compose, IReadOnlyDictionary<string, string>? variables = null, params string[] profiles)
    {
        var (stack, bag) = repo.Load(compose, variables, profiles);
        Assert.False(bag.HasErrors, string.Join("\n", bag.Items));
        Assert.NotNull(stack);
        return stack;
    }

    public static ServiceSpec Service(string compose, string name = "web", IReadOnlyDictionary<string, string>? variables = null) =>
        Loads(compose, variables).Services[name];

    /// <summary>Loads and asserts the result is null with an error of exactly this text at this position.</summary>
    public static void Fails(string compose, int line, int column, string message, IReadOnlyDictionary<string, string>? variables = null)
    {
        using var repo = new TempRepo();
        Fails(repo, compose, line, column, message, variables);
    }

    public static void Fails(TempRepo repo, string compose, int line, int column, string message, IReadOnlyDictionary<string, string>? variables = null, string file = TempRepo.ComposeFile)
    {
        var (stack, bag) = repo.Load(compose, variables);
        Assert.Null(stack);
        var expected = new Diagnostic(Severity.Error, new SourcePosition(file, line, column), message);
        Assert.True(bag.Items.Contains(expected), $"expected: {expected}\nactual:\n{string.Join("\n", bag.Items)}");
    }

    public static Dictionary<string, string> Vars(params (string Key, string Value)[] pairs) =>
        pairs.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
}
