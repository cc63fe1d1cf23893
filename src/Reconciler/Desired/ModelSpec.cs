using System.Security.Cryptography;
using System.Text;
using GitOps.Reconciler.Common;
using GitOps.Reconciler.Diagnostics;

namespace GitOps.Reconciler.Desired;

/// <summary>A pinned model version: its files (each checked by hash), where it is linked on the host, and who reads it.</summary>
/// <param name="Version">Free text for people; the model's identity is <see cref="Digest"/>.</param>
/// <param name="Files">Ordered by name.</param>
/// <param name="Path">Absolute path on the host, without a trailing slash: a symlink the agent switches.</param>
/// <param name="PathAt">Where <c>path:</c> is written, so a host-side refusal can point at it.</param>
public sealed record ModelSpec(string Name, string Version, ValueList<ModelFile> Files, string Path, SourcePosition PathAt)
{
    /// <summary>The services that read the model, as <c>stack/service</c>.</summary>
    public ValueList<string> Consumers { get; init; } = ValueList<string>.Empty;

    public ModelOnChange OnChange { get; init; } = ModelOnChange.Restart;

    /// <summary>Previous versions kept on disk for an instant rollback.</summary>
    public int Keep { get; init; } = 1;

    /// <summary>An existing directory at <see cref="Path"/> may be moved aside and replaced by the link.</summary>
    public bool Adopt { get; init; }

    /// <summary>A file on the host holding a bearer token for the http(s) sources; never the token itself.</summary>
    public string? BearerTokenFile { get; init; }

    /// <summary>
    /// The version's identity: SHA-256 over the sorted "name sha256" lines, so two versions with the same files under the
    /// same names are one version whatever their version text says.
    /// </summary>
    public string Digest => DigestOf(Files);

    public static string DigestOf(IEnumerable<ModelFile> files)
    {
        var lines = string.Concat(files.OrderBy(f => f.Name, StringComparer.Ordinal).Select(f => f.Name + " " + f.Sha256 + "\n"));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(lines)));
    }
}
