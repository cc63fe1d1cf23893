namespace GitOps.Reconciler.Secrets;

/// <summary>
/// The decrypted bytes of a secret or config file source, held in memory between loading and the executor writing
/// them to the runtime secrets directory. Equal by content; <see cref="ToString"/> never shows it.
/// </summary>
public sealed class SecretContent(byte[] bytes) : IEquatable<SecretContent>
{
    private readonly byte[] _bytes = bytes ?? throw new ArgumentNullException(nameof(bytes));

    public ReadOnlySpan<byte> Bytes => _bytes;

    public bool Equals(SecretContent? other) => other is not null && _bytes.AsSpan().SequenceEqual(other._bytes);

    public override bool Equals(object? obj) => Equals(obj as SecretContent);

    public override int GetHashCode() => _bytes.Length;

    public override string ToString() => $"decrypted content, {_bytes.Length} bytes (not shown)";
}
