namespace GitOps.Reconciler.Compose;

public sealed record Ulimit(string Name, long Soft, long Hard) : IComparable<Ulimit>
{
    public int CompareTo(Ulimit? other) => other is null ? 1 : string.CompareOrdinal(Name, other.Name);

    public override string ToString() => $"{Name}={Soft}:{Hard}";
}
