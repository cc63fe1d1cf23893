using GitOps.Reconciler.Common;

namespace GitOps.Reconciler.Planning;

/// <summary>
/// Collects field changes. Values are compared in their rendered form, so what a person sees as
/// different is exactly what counts as different. Sensitive environment values are masked here,
/// so a plan never holds them.
/// </summary>
internal sealed class FieldDiff
{
    private readonly List<FieldChange> _changes = [];

    public void Value(string field, string? desired, string? actual)
    {
        if (!string.Equals(desired, actual, StringComparison.Ordinal))
        {
            _changes.Add(new FieldChange(field, SecretMask.Apply(field, desired), SecretMask.Apply(field, actual)));
        }
    }

    /// <summary>One change per differing key, named <c>prefix.key</c>; a key missing on one side has a null value there.</summary>
    public void Map<T>(string prefix, IReadOnlyDictionary<string, T> desired, IReadOnlyDictionary<string, T> actual, Func<T, string?> format)
    {
        foreach (var key in desired.Keys.Union(actual.Keys).Order(StringComparer.Ordinal))
        {
            Value(
                prefix + "." + key,
                desired.TryGetValue(key, out var want) ? format(want) : null,
                actual.TryGetValue(key, out var have) ? format(have) : null);
        }
    }

    public void Add(FieldChange change) => _changes.Add(change);

    public ValueList<FieldChange> ToList() => ValueList.From(_changes);
}
