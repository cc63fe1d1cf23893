using GitOps.Reconciler.Repository;

namespace GitOps.Reconciler.Compose;

/// <summary>
/// Everything the compose loader needs for one stack on one host.
/// <paramref name="Variables"/> are already merged by precedence (host > group > stack defaults > the stack's .env)
/// and are the only source of interpolation: the agent's own process environment never leaks in.
/// </summary>
/// <param name="StackDirectory">Repo-relative directory of the stack, e.g. <c>stacks/ocr</c>.</param>
/// <param name="ComposeFile">Repo-relative path of the compose file.</param>
/// <param name="ProjectName">Default project name (the stack directory's name); a top-level <c>name:</c> may override it.</param>
public sealed record ComposeSource(
    RepoDirectory Repo,
    string StackDirectory,
    string ComposeFile,
    string ProjectName,
    IReadOnlyDictionary<string, string> Variables,
    IReadOnlyCollection<string> ActiveProfiles)
{
    /// <summary>Where each active profile was written (stack.yaml), for the warning about a profile that selects nothing.</summary>
    public IReadOnlyDictionary<string, Diagnostics.SourcePosition> ProfilePositions { get; init; } = new Dictionary<string, Diagnostics.SourcePosition>();
    /// <summary>The stack opted in to building images on the host (<c>policy: {allowBuild: true}</c> in stack.yaml).</summary>
    public bool AllowBuild { get; init; }
    /// <summary>The age identities that decrypt SOPS files of the stack; structure-only when none are given.</summary>
    public Secrets.SecretKeyring Secrets { get; init; } = GitOps.Reconciler.Secrets.SecretKeyring.StructureOnly;
    /// <summary>Repo-relative files marked <c>sensitive:</c> in stack.yaml: the variables they give are masked like decrypted ones.</summary>
    public IReadOnlyCollection<string> SensitiveFiles { get; init; } = [];
    /// <summary>Variables decrypted from the stack's encrypted .env: an environment value that holds one is masked.</summary>
    public IReadOnlyCollection<string> SecretVariables { get; init; } = [];
    /// <summary>The host's key for the content hashes of secret and config files: the container's label shows them, so
    /// a plain hash of a short secret could be tested against guesses (unkeyed for render and validate, which apply nothing).</summary>
    public Secrets.ConfigHashKey HashKey { get; init; } = GitOps.Reconciler.Secrets.ConfigHashKey.Unkeyed;
}
