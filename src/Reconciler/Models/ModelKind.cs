using System.Collections.Concurrent;
using GitOps.Reconciler.Common;
using GitOps.Reconciler.Desired;
using Microsoft.Extensions.Logging;

namespace GitOps.Reconciler.Models;

/// <summary>
/// Plans the host's models (probe + <see cref="ModelPlanner"/>) and applies the plan: every missing blob is downloaded
/// first (side by side, bounded, one download per hash), then each model's version directory is completed from the
/// store, its path switched, and its consumers restarted one at a time (or signalled); a consumer failing its gate
/// puts the link and the consumers back on the previous version and holds the model until git changes it.
/// </summary>
public sealed partial class ModelKind(
    ModelStore store,
    ModelRecordStore records,
    ModelProbe probe,
    ModelDownloader downloader,
    IModelConsumers? consumers,
    ModelsConfig config,
    TimeProvider time,
    ILogger<ModelKind> logger) : IModelKind
{
    public ModelPlan Plan(DesiredState desired, string repoRoot, bool verifyAll)
    {
        var changes = new List<ModelChange>();
        foreach (var spec in desired.Models.Values)
        {
            var record = records.Load(spec.Name);
            if (record.HeldDigest is { } held && held != spec.Digest)
            {
                // Git names another version: the hold of the rolled-back one ends.
                record = record with { HeldDigest = null, HeldReason = null };
                records.Save(spec.Name, record);
            }
            var (actual, verified) = probe.Read(spec, record, verifyAll);
            if (verified)
            {
                RememberVerified(spec, record);
            }
            changes.Add(ModelPlanner.Plan(spec, actual));
        }
        return new ModelPlan(ValueList.From(changes)) { RepoRoot = repoRoot };
    }

    public async Task<IReadOnlyList<ModelOutcome>> ApplyAsync(ModelPlan plan, IProgress<ModelProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var repoRoot = plan.RepoRoot;
        var failures = new ConcurrentDictionary<string, string>(StringComparer.Ordinal);
        var received = new ConcurrentDictionary<string, long>(StringComparer.Ordinal);
        var clock = time.GetTimestamp();
        await DownloadAllAsync(plan, repoRoot, failures, received, progress, cancellationToken);
        var downloadTime = time.GetElapsedTime(clock);
        var outcomes = new List<ModelOutcome>();
        foreach (var change in plan.Changes)
        {
            var bytes = change.Downloads.Sum(f => received.GetValueOrDefault(f.Sha256));
            ModelOutcome Outcome(ModelStatus status, string? message) => new(change.Spec.Name, status, message, bytes, change.Downloads.Count > 0 ? downloadTime : TimeSpan.Zero);
            switch (change.Step)
            {
                case ModelAction.NoOp:
                    outcomes.Add(Outcome(ModelStatus.InSync, null));
                    continue;
                case ModelAction.Held:
                    outcomes.Add(Outcome(ModelStatus.RolledBack, change.Why));
                    continue;
                case ModelAction.Refused:
                    outcomes.Add(Outcome(ModelStatus.Refused, change.Why));
                    continue;
            }
            var failed = change.Spec.Files.Select(f => failures.GetValueOrDefault(f.Sha256)).FirstOrDefault(m => m is not null);
            if (failed is not null)
            {
                RememberFailure(change.Spec, failed);
                outcomes.Add(Outcome(ModelStatus.Failed, failed));
                continue;
            }
            try
            {
                var rolledBack = await ConvergeAsync(change, cancellationToken);
                var status = rolledBack is not null ? ModelStatus.RolledBack : change.Step == ModelAction.Heal ? ModelStatus.Healed : ModelStatus.Switched;
                outcomes.Add(Outcome(status, rolledBack));
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                var message = $"model {change.Spec.Name}: installing failed: {ex.Message}";
                RememberFailure(change.Spec, message);
                outcomes.Add(Outcome(ModelStatus.Failed, message));
            }
        }
        return outcomes;
    }

    private async Task DownloadAllAsync(ModelPlan plan, string repoRoot, ConcurrentDictionary<string, string> failures, ConcurrentDictionary<string, long> received,
        IProgress<ModelProgress>? progress, CancellationToken cancellationToken)
    {
        // One download per hash, even when several models (or files) share it.
        var wanted = plan.Changes.Where(c => c.HasChanges)
            .SelectMany(c => c.Downloads.Select(f => (Change: c, File: f)))
            .DistinctBy(d => d.File.Sha256)
            .ToList();
        using var slots = new SemaphoreSlim(config.ParallelDownloads);
        await Task.WhenAll(wanted.Select(async d =>
        {
            await slots.WaitAsync(cancellationToken);
            try
            {
                LogDownloading(d.Change.Spec.Name, d.File.Name, d.File.Source.ToString());
                long sum = 0;
                var report = progress is null ? null : new Progress<long>(n => progress.Report(new ModelProgress(d.Change.Spec.Name, d.File.Name, sum += n, null)));
                received[d.File.Sha256] = await downloader.DownloadAsync(d.File, new ModelFetchContext(repoRoot, d.Change.Spec.BearerTokenFile), report, cancellationToken);
            }
            catch (ModelDownloadException ex)
            {
                failures[d.File.Sha256] = $"model {d.Change.Spec.Name}: {ex.Message}";
                LogDownloadFailed(d.Change.Spec.Name, ex.Message);
            }
            finally
            {
                slots.Release();
            }
        }));
    }

    /// <summary>Version directory, adopt, switch, consumers, GC. Returns the rollback message when the consumers failed.</summary>
    private async Task<string?> ConvergeAsync(ModelChange change, CancellationToken cancellationToken)
    {
        var spec = change.Spec;
        var record = records.Load(spec.Name);
        var target = store.EnsureVersion(spec);
        if (ModelStore.EntryAt(spec.Path) == ModelPathEntry.Directory && spec.Adopt)
        {
            var aside = spec.Path + ".adopted-" + time.GetUtcNow().ToString("yyyyMMddHHmmss", System.Globalization.CultureInfo.InvariantCulture);
            Directory.Move(spec.Path, aside);
            LogAdopted(spec.Name, spec.Path, aside);
        }
        var previous = record.Current is { } current && current != spec.Digest && Directory.Exists(store.VersionDirectory(spec.Name, current)) ? current : null;
        ModelStore.Switch(spec.Path, target);
        var versions = new Dictionary<string, string>(record.Versions) { [spec.Digest] = spec.Version };
        var history = previous is null ? record.Previous.Where(p => p != spec.Digest).ToList() : [previous, .. record.Previous.Where(p => p != spec.Digest && p != previous)];
        record = record with { Current = spec.Digest, Previous = history, Versions = versions, Failure = null, FailedDigest = null, Keep = spec.Keep, Path = spec.Path, Consumers = [.. spec.Consumers] };
        records.Save(spec.Name, record);
        RememberVerified(spec, record);
        LogSwitched(spec.Name, spec.Version, spec.Path);
        if (change.Step == ModelAction.Heal || change.FromDigest == spec.Digest)
        {
            return null;
        }
        if (await NotifyConsumersAsync(spec, cancellationToken) is { } failure)
        {
            return await RollBackAsync(spec, record, previous, failure, cancellationToken);
        }
        CollectGarbage();
        return null;
    }

    private async Task<string?> NotifyConsumersAsync(ModelSpec spec, CancellationToken cancellationToken)
    {
        if (consumers is null || spec.OnChange.Kind == ModelOnChangeKind.None)
        {
            return null;
        }
        foreach (var consumer in spec.Consumers)
        {
            var (stack, service) = (consumer[..consumer.IndexOf('/', StringComparison.Ordinal)], consumer[(consumer.IndexOf('/', StringComparison.Ordinal) + 1)..]);
            var failure = spec.OnChange.Kind == ModelOnChangeKind.Signal
                ? await consumers.SignalAsync(stack, service, spec.OnChange.Signal!, cancellationToken)
                : await consumers.RestartAsync(stack, service, cancellationToken);
            if (failure is not null)
            {
                return failure;
            }
        }
        return null;
    }

    private async Task<string> RollBackAsync(ModelSpec spec, ModelRecord record, string? previous, string failure, CancellationToken cancellationToken)
    {
        var reason = $"consumer {failure} after the switch to version {spec.Version}";
        if (previous is null)
        {
            // Nothing to go back to (first install): the link stays, the model is held so the consumers are not restarted in a loop.
            records.Save(spec.Name, record with { HeldDigest = spec.Digest, HeldReason = reason });
            LogRollbackImpossible(spec.Name, reason);
            return $"model {spec.Name}: {reason}; no previous version to roll back to, held";
        }
        ModelStore.Switch(spec.Path, store.VersionDirectory(spec.Name, previous));
        records.Save(spec.Name, record with
        {
            Current = previous,
            Previous = [spec.Digest, .. record.Previous.Where(p => p != previous && p != spec.Digest)],
            HeldDigest = spec.Digest,
            HeldReason = reason,
            Stamps = new Dictionary<string, ModelFileStamp>(),
            VerifiedAt = null,
        });
        var back = await NotifyConsumersAsync(spec, cancellationToken);
        var was = record.Versions.TryGetValue(previous, out var text) ? text : ModelPlanner.Short(previous);
        LogRolledBack(spec.Name, was, reason);
        return $"model {spec.Name}: {reason}; rolled back to version {was} and held until git changes the model"
            + (back is null ? "" : $"; the consumer also failed on the previous version: {back}");
    }

    private void RememberVerified(ModelSpec spec, ModelRecord record)
    {
        var directory = store.VersionDirectory(spec.Name, spec.Digest);
        var stamps = spec.Files.Where(f => File.Exists(Path.Combine(directory, f.Name)))
            .ToDictionary(f => f.Name, f => ModelFileStamp.Of(Path.Combine(directory, f.Name)), StringComparer.Ordinal);
        records.Save(spec.Name, record with { Stamps = stamps, VerifiedAt = time.GetUtcNow() });
    }

    private void RememberFailure(ModelSpec spec, string failure) =>
        records.Save(spec.Name, records.Load(spec.Name) with { Failure = failure, FailedDigest = spec.Digest });

    /// <summary>After a successful switch: keep the current and <c>keep</c> previous versions, then drop blobs no model references.</summary>
    private void CollectGarbage()
    {
        var gc = new ModelGarbage(store, records);
        foreach (var path in gc.Collect())
        {
            LogCollected(path);
            ModelGarbage.Delete(path);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Model {Model}: downloading {File} from {Source}")]
    private partial void LogDownloading(string model, string file, string source);

    [LoggerMessage(Level = LogLevel.Error, Message = "Model {Model}: {Reason}")]
    private partial void LogDownloadFailed(string model, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Model {Model}: switched to version {Version} at {Path}")]
    private partial void LogSwitched(string model, string version, string path);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Model {Model}: moved the existing directory {Path} aside to {Aside} (adopt)")]
    private partial void LogAdopted(string model, string path, string aside);

    [LoggerMessage(Level = LogLevel.Error, Message = "Model {Model}: rolled back to version {Version}: {Reason}")]
    private partial void LogRolledBack(string model, string version, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Model {Model}: {Reason}; no previous version, held")]
    private partial void LogRollbackImpossible(string model, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Model store: removed {Path}")]
    private partial void LogCollected(string path);
}
