namespace GitOps.Reconciler.Models;

/// <summary>The agent's settings for models (agent.yaml <c>models.*</c>): where they may go and how S3 is reached.</summary>
/// <param name="AllowedRoots">Absolute directories below which a model's path may be; anything else is refused.</param>
public sealed record ModelsConfig(IReadOnlyList<string> AllowedRoots, ModelsS3Config S3)
{
    public static readonly IReadOnlyList<string> DefaultAllowedRoots = ["/srv/models", "/var/lib/models"];

    public static readonly TimeSpan DefaultVerifyInterval = TimeSpan.FromHours(24);

    public const int DefaultParallelDownloads = 3;

    public static readonly ModelsConfig Default = new(DefaultAllowedRoots, ModelsS3Config.Default);

    /// <summary>How often every file of every installed version is hashed again in full (size and mtime are checked every pass).</summary>
    public TimeSpan VerifyInterval { get; init; } = DefaultVerifyInterval;

    /// <summary>Attempts per file before a download fails; each resumes where the previous one stopped.</summary>
    public int DownloadAttempts { get; init; } = 5;

    /// <summary>The first wait between attempts, doubled each time (with jitter).</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Files downloaded side by side at most.</summary>
    public int ParallelDownloads { get; init; } = DefaultParallelDownloads;
}
