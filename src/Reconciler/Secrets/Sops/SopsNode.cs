namespace GitOps.Reconciler.Secrets.Sops;

/// <summary>A node of a SOPS document tree: a mapping (ordered), a list or a scalar.</summary>
public abstract record SopsNode;

/// <summary>An ordered mapping; SOPS walks keys in document order, which the MAC depends on.</summary>
public sealed record SopsMap(IReadOnlyList<KeyValuePair<string, SopsNode>> Entries) : SopsNode
{
    public SopsNode? this[string key] => Entries.FirstOrDefault(e => e.Key == key).Value;
}

public sealed record SopsList(IReadOnlyList<SopsNode> Items) : SopsNode;

/// <summary>A scalar as text with its kind; an encrypted scalar is an <c>ENC[AES256_GCM,...]</c> string.</summary>
public sealed record SopsScalar(string Text, SopsScalarKind Kind) : SopsNode;
