namespace GitOps.Reconciler.Models;

/// <summary>One installed model as <c>gitops-agent models</c> shows it, read from the store and the model's record.</summary>
/// <param name="State">in sync, held (rolled back), failed, missing (the link is gone) or elsewhere (the link points out of the store).</param>
public sealed record ModelListing(string Name, string? Version, string? Digest, string? Path, IReadOnlyList<string> Consumers, IReadOnlyList<string> Files, string State, long SizeOnDisk, string? Message);
