using GitOps.Reconciler.Common;

namespace GitOps.Reconciler.Planning;

/// <summary>
/// Collects field changes. Values are compared in their rendered form, so what a person sees as
/// different is exactly what counts as different. Secret values are masked here (<see cref="SecretMask"/>),
/// so a plan never holds them: a change between two values that mask alike is kept as masked on both sides,
/// which reads as <see cref="SecretMask.ChangedSecret"/>.
/// </summary>
internal sealed class FieldDiff(SecretMask mask)
{
    private readonly List<FieldChange> _changes = [];

    public FieldDiff()
        : this(SecretMask.ByNameAndUrl)
    {
    }

    public void Value(string field, string? desired, string? actual)
    {
        if (!string.Equals(desired, actual, StringComparison.Ordinal))
        {
            _changes.Add(new FieldChange(field, mask.Show(field, desired), mask.Show(field, actual)));
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
