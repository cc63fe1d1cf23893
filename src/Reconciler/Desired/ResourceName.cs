using System.Text.RegularExpressions;

namespace GitOps.Reconciler.Desired;

/// <summary>
/// Names of stacks, tasks and models become compose project names, scheduler job keys and directory
/// names on hosts, so they follow compose's project-name rule: lowercase letters, digits, '-' and '_'.
/// </summary>
public static partial class ResourceName
{
    public const string Rule = "lowercase letters, digits, '-' and '_', starting with a letter or digit";

    public static bool IsValid(string name) => Pattern().IsMatch(name);

    /// <summary>Host and group names: letters, digits, '.', '-' and '_' (host names may be FQDNs).</summary>
    public static bool IsValidInventoryName(string name) => InventoryPattern().IsMatch(name);

    [GeneratedRegex("^[a-z0-9][a-z0-9_-]*$")]
    private static partial Regex Pattern();

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]*$")]
    private static partial Regex InventoryPattern();
}
