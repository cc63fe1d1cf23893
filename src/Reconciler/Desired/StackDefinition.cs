using GitOps.Reconciler.Common;
using GitOps.Reconciler.Compose;

namespace GitOps.Reconciler.Desired;

/// <summary>
/// A stack directory as validated once for the whole repo: where its compose file is, whom it targets,
/// its variable defaults and .env values. Its compose file is loaded per host, with that host's variables.
/// </summary>
/// <param name="Directory">Repo-relative, e.g. <c>stacks/ocr</c>.</param>
/// <param name="ComposeFile">Repo-relative path of the stack's one compose file.</param>
/// <param name="Defaults">The <c>variables:</c> of stack.yaml.</param>
/// <param name="DotEnv">The stack's <c>.env</c> lines as written, the lowest-precedence variables; interpolated per host.</param>
public sealed record StackDefinition(
    string Name,
    string Directory,
    string ComposeFile,
    ValueList<string> Targets,
    ValueMap<string> Defaults,
    ValueList<DotEnvEntry> DotEnv,
    ValueList<string> Profiles,
    StackPolicy Policy)
{
    /// <summary>Where each of <see cref="Profiles"/> is written in stack.yaml.</summary>
    public ValueMap<Diagnostics.SourcePosition> ProfilePositions { get; init; } = ValueMap<Diagnostics.SourcePosition>.Empty;

    /// <summary>Repo-relative paths listed under <c>sensitive:</c> in stack.yaml: every value read from them is masked.</summary>
    public ValueList<string> Sensitive { get; init; } = ValueList<string>.Empty;

    /// <summary>
    /// The stack's <c>.env</c> as committed when it is SOPS-encrypted (ciphertext only): decrypted per host with the
    /// host's key, in place of <see cref="DotEnv"/>.
    /// </summary>
    public string? EncryptedDotEnv { get; init; }
}
