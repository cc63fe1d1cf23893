using System.Text.RegularExpressions;

namespace GitOps.Reconciler.Compose;

/// <summary>Compose's naming rules for projects and services, which end up in container and network names.</summary>
public static partial class ProjectName
{
    public const string ExpectedProject = "lowercase letters, digits, '-' and '_', starting with a letter or digit";

    public const string ExpectedService = "letters, digits, '.', '-' and '_', starting with a letter or digit";

    public static bool IsValid(string name) => ProjectPattern().IsMatch(name);

    public static bool IsValidService(string name) => ServicePattern().IsMatch(name);

    [GeneratedRegex("^[a-z0-9][a-z0-9_-]*$")]
    private static partial Regex ProjectPattern();

    [GeneratedRegex("^[a-zA-Z0-9][a-zA-Z0-9._-]*$")]
    private static partial Regex ServicePattern();
}
