using System.Collections;
using System.Collections.Immutable;

namespace GitOps.Reconciler.Common;

/// <summary>An immutable string-keyed map, ordered by key, with structural equality.</summary>
public sealed class ValueMap<TValue> : IReadOnlyDictionary<string, TValue>, IEquatable<ValueMap<TValue>>
{
    public static readonly ValueMap<TValue> Empty = new(ImmutableSortedDictionary<string, TValue>.Empty.WithComparers(StringComparer.Ordinal));

    private readonly ImmutableSortedDictionary<string, TValue> _items;

    public ValueMap(IEnumerable<KeyValuePair<string, TValue>> items) =>
        _items = ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, items);

    private ValueMap(ImmutableSortedDictionary<string, TValue> items) => _items = items;

    public int Count => _items.Count;

    public TValue this[string key] => _items[key];

    public IEnumerable<string> Keys => _items.Keys;

    public IEnumerable<TValue> Values => _items.Values;

    public bool ContainsKey(string key) => _items.ContainsKey(key);

    public bool TryGetValue(string key, [System.Diagnostics.CodeAnalysis.MaybeNullWhen(false)] out TValue value) =>
        _items.TryGetValue(key, out value);

    public ValueMap<TValue> With(string key, TValue value) => new(_items.SetItem(key, value));

    public ValueMap<TValue> Without(string key) => new(_items.Remove(key));

    public bool Equals(ValueMap<TValue>? other)
    {
        if (other is null || other.Count != Count)
        {
            return false;
        }
        foreach (var (key, value) in _items)
        {
            if (!other._items.TryGetValue(key, out var theirs) || !EqualityComparer<TValue>.Default.Equals(value, theirs))
            {
                return false;
            }
        }
        return true;
    }

    public override bool Equals(object? obj) => Equals(obj as ValueMap<TValue>);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var (key, value) in _items)
        {
            hash.Add(key, StringComparer.Ordinal);
            hash.Add(value);
        }
        return hash.ToHashCode();
    }

    public override string ToString() => "{" + string.Join(", ", _items.Select(kv => $"{kv.Key}={kv.Value}")) + "}";

    public IEnumerator<KeyValuePair<string, TValue>> GetEnumerator() => _items.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}

public static class ValueMap
{
    public static ValueMap<TValue> From<TValue>(IEnumerable<KeyValuePair<string, TValue>> items) => new(items);
}
