using GitOps.Reconciler.Common;

namespace GitOps.Reconciler.Planning;

/// <summary>Labels as the user wrote them: without compose's own <c>com.docker.compose.*</c> bookkeeping.</summary>
internal static class UserLabels
{
    private const string ComposePrefix = "com.docker.compose.";

    public static IReadOnlyDictionary<string, string> Of(ValueMap<string> labels) =>
        labels.Where(l => !l.Key.StartsWith(ComposePrefix, StringComparison.Ordinal))
            .ToDictionary(l => l.Key, l => l.Value, StringComparer.Ordinal);
}
