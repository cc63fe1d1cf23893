using GitOps.Reconciler.Common;

namespace GitOps.Reconciler.Models;

/// <summary>One model as the host has it: what is at its path, the version linked, each file's observed hash, the store.</summary>
/// <param name="LinkedDigest">The version of this model the path links to; null when it is missing or points elsewhere.</param>
/// <param name="Files">Observed SHA-256 by file name in the linked version (only when it is the wanted one); a missing file is absent.</param>
/// <param name="MissingBlobs">Hashes of wanted files that the store does not hold: to download.</param>
/// <param name="Refusal">Why the path policy refuses this model here; null when allowed.</param>
public sealed record ModelActual(
    ModelPathEntry Entry,
    string? LinkTarget,
    string? LinkedDigest,
    ValueMap<string> Files,
    ValueList<string> MissingBlobs,
    string? Refusal,
    ModelRecord Record)
{
    /// <summary>Bytes still to fetch by hash of a missing blob, as its source announced them; a hash absent here is of unknown size.</summary>
    public ValueMap<long> RemainingBytes { get; init; } = ValueMap<long>.Empty;
}
