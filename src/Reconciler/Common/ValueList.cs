using System.Collections;
using System.Collections.Immutable;

namespace GitOps.Reconciler.Common;

/// <summary>An immutable list with structural equality, so records holding it compare by content.</summary>
public sealed class ValueList<T> : IReadOnlyList<T>, IEquatable<ValueList<T>>
{
    public static readonly ValueList<T> Empty = new(ImmutableArray<T>.Empty);

    private readonly ImmutableArray<T> _items;

    public ValueList(IEnumerable<T> items) => _items = [.. items];

    private ValueList(ImmutableArray<T> items) => _items = items;

    public int Count => _items.Length;

    public T this[int index] => _items[index];

    public bool Equals(ValueList<T>? other) =>
        other is not null && _items.AsSpan().SequenceEqual(other._items.AsSpan(), EqualityComparer<T>.Default);

    public override bool Equals(object? obj) => Equals(obj as ValueList<T>);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var item in _items)
        {
            hash.Add(item);
        }
        return hash.ToHashCode();
    }

    public override string ToString() => "[" + string.Join(", ", _items) + "]";

    public IEnumerator<T> GetEnumerator() => ((IEnumerable<T>)_items).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}

public static class ValueList
{
    public static ValueList<T> From<T>(IEnumerable<T> items) => new(items);

    public static ValueList<T> Of<T>(params T[] items) => new(items);

    /// <summary>Normalised form: ordered, so that the same set written in another order compares equal.</summary>
    public static ValueList<T> Sorted<T>(IEnumerable<T> items, IComparer<T>? comparer = null) =>
        new(items.Order(comparer ?? Comparer<T>.Default));
}
