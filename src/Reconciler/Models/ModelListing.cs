using System.Text.Json.Serialization;

namespace GitOps.Reconciler.Models;

/// <summary>One installed model as <c>gitops-agent models</c> shows it, read from the store and the model's record.</summary>
/// <param name="State">in sync, held (rolled back), failed, missing (the link is gone) or elsewhere (the link points out of the store).</param>
public sealed record ModelListing(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("version")] string? Version,
    [property: JsonPropertyName("digest")] string? Digest,
    [property: JsonPropertyName("path")] string? Path,
    [property: JsonPropertyName("consumers")] IReadOnlyList<string> Consumers,
    [property: JsonPropertyName("files")] IReadOnlyList<string> Files,
    [property: JsonPropertyName("state")] string State,
    [property: JsonPropertyName("sizeOnDisk")] long SizeOnDisk,
    [property: JsonPropertyName("message")] string? Message);
