using System.Text.RegularExpressions;

namespace GitOps.Reconciler.Compose;

/// <summary>Compose's naming rules for projects and services, which end up in container and network names.</summary>
public static partial class ProjectName
{
    public const string ExpectedProject = "lowercase letters, digits, '-' and '_', starting with a letter or digit";

    public const string ExpectedService = "letters, digits, '.', '-' and '_', starting with a letter or digit";

    public static bool IsValid(string name) => ProjectPattern().IsMatch(name);

    /// <summary>
    /// A default name (the stack directory's) made valid the way compose does it for directory names:
    /// lowercased, other characters dropped, leading '-' and '_' trimmed. Empty when nothing is left.
    /// </summary>
    public static string Normalize(string name) =>
        new string([.. name.ToLowerInvariant().Where(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '-' or '_')]).TrimStart('-', '_');

    public static bool IsValidService(string name) => ServicePattern().IsMatch(name);

    [GeneratedRegex("^[a-z0-9][a-z0-9_-]*$")]
    private static partial Regex ProjectPattern();

    [GeneratedRegex("^[a-zA-Z0-9][a-zA-Z0-9._-]*$")]
    private static partial Regex ServicePattern();
}
