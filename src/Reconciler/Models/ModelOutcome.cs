namespace GitOps.Reconciler.Models;

/// <summary>What applying one model's change did.</summary>
/// <param name="Message">The failure, rollback or refusal, for people; null when it went as planned.</param>
public sealed record ModelOutcome(string Model, ModelStatus Status, string? Message, long BytesDownloaded, TimeSpan DownloadDuration);
