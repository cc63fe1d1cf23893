namespace GitOps.Reconciler.Models;

/// <summary>
/// What the agent remembers of one model between passes and restarts (state dir <c>models/state/&lt;model&gt;.json</c>):
/// the version it switched to, the ones before it (newest first, for rollback and <c>keep</c>), and a hold.
/// </summary>
/// <param name="Versions">Version text by digest, for reports ("version: want 3.1.1, have 3.1.0").</param>
/// <param name="HeldDigest">A digest rolled back after its consumers failed: not tried again until git names another.</param>
public sealed record ModelRecord(string? Current, IReadOnlyList<string> Previous, IReadOnlyDictionary<string, string> Versions, string? HeldDigest, string? HeldReason)
{
    public static readonly ModelRecord Empty = new(null, [], new Dictionary<string, string>(), null, null);

    /// <summary>When every file of the current version was last hashed in full.</summary>
    public DateTimeOffset? VerifiedAt { get; init; }

    /// <summary>Size and modification time of each current file when it was last verified: the cheap check of every pass.</summary>
    public IReadOnlyDictionary<string, ModelFileStamp> Stamps { get; init; } = new Dictionary<string, ModelFileStamp>();

    /// <summary>The last apply failure of the desired digest, for the report; cleared by a success.</summary>
    public string? Failure { get; init; }

    public string? FailedDigest { get; init; }

    /// <summary>The model's consumers at its last switch, as <c>stack/service</c>.</summary>
    public IReadOnlyList<string> Consumers { get; init; } = [];

    /// <summary>The model's path on the host at its last switch (for listing without the repository).</summary>
    public string? Path { get; init; }

    /// <summary>The model's <c>keep</c> at its last switch, so garbage collection outside a pass keeps as many.</summary>
    public int Keep { get; init; } = 1;
}
