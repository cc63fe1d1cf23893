using System.Collections.Concurrent;
using GitOps.Reconciler.Common;
using GitOps.Reconciler.Desired;
using Microsoft.Extensions.Logging;

namespace GitOps.Reconciler.Models;

/// <summary>
/// Plans the host's models (probe + <see cref="ModelPlanner"/>) and applies the plan: every missing blob is downloaded
/// first (side by side, bounded, one download per hash), then each model's version directory is completed from the
/// store and its path switched; then the plan's consumer actions run, each consumer once, one at a time; a consumer
/// failing its gate puts the links and the consumers back on the previous versions and holds those models until git
/// changes them.
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
    public async Task<ModelPlan> PlanAsync(DesiredState desired, string repoRoot, bool verifyAll, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(desired);
        var changes = new List<ModelChange>();
        foreach (var spec in desired.Models.Values)
        {
            var (actual, verified) = probe.Read(spec, records.Load(spec.Name), verifyAll);
            actual = actual with { RemainingBytes = await RemainingAsync(spec, actual, repoRoot, cancellationToken) };
            changes.Add(ModelPlanner.Plan(spec, actual) with { Verification = verified });
        }
        // Removals first: a model renamed in git may take over the path of the one it replaces.
        var removals = records.Models().Where(model => !desired.Models.ContainsKey(model))
            .Select(model => ModelPlanner.PlanRemoval(model, probe.ReadRemoved(model, records.Load(model))));
        changes.InsertRange(0, removals);
        var projects = desired.Stacks.ToDictionary(s => s.Key, s => s.Value.Compose.Name, StringComparer.Ordinal);
        var told = ModelConsumerPlanner.Plan(changes, projects);
        return new ModelPlan(ValueList.From(ModelConsumerPlanner.Annotate(changes, told))) { RepoRoot = repoRoot, Consumers = told };
    }

    private async Task<ValueMap<long>> RemainingAsync(ModelSpec spec, ModelActual actual, string repoRoot, CancellationToken cancellationToken)
    {
        var sizes = new List<KeyValuePair<string, long>>();
        if (actual.Refusal is not null || actual.Record.HeldDigest == spec.Digest)
        {
            // Nothing of it is downloaded: its sources are not asked.
            return ValueMap<long>.Empty;
        }
        foreach (var file in spec.Files.Where(f => actual.MissingBlobs.Contains(f.Sha256)).DistinctBy(f => f.Sha256))
        {
            if (await downloader.RemainingAsync(file, new ModelFetchContext(repoRoot, spec.BearerTokenFile), cancellationToken) is { } bytes)
            {
                sizes.Add(KeyValuePair.Create(file.Sha256, bytes));
            }
        }
        return new ValueMap<long>(sizes);
    }

    public void Remember(ModelPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        foreach (var change in plan.Changes.Where(c => c.Step != ModelAction.Remove))
        {
            var spec = change.Spec;
            var record = records.Load(spec.Name);
            var kept = record;
            if (record.HeldDigest is { } held && held != spec.Digest)
            {
                // Git names another version: the hold of the rolled-back one ends.
                kept = kept with { HeldDigest = null, HeldReason = null };
            }
            if (change.Step == ModelAction.NoOp && change.Verification is { } verified && record.Current == spec.Digest)
            {
                var stamps = spec.Files.Where(f => record.Stamps.ContainsKey(f.Name)).ToDictionary(f => f.Name, f => record.Stamps[f.Name], StringComparer.Ordinal);
                foreach (var (file, stamp) in verified.Stamps)
                {
                    stamps[file] = stamp;
                }
                kept = kept with { Stamps = stamps, VerifiedAt = verified.Complete ? verified.At : record.VerifiedAt };
            }
            if (!ReferenceEquals(kept, record))
            {
                records.Save(spec.Name, kept);
            }
        }
    }

    public async Task<IReadOnlyList<ModelOutcome>> ApplyAsync(ModelPlan plan, IProgress<ModelProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var failures = new ConcurrentDictionary<string, string>(StringComparer.Ordinal);
        var received = new ConcurrentDictionary<string, long>(StringComparer.Ordinal);
        var clock = time.GetTimestamp();
        await DownloadAllAsync(plan, plan.RepoRoot, failures, received, progress, cancellationToken);
        var downloadTime = time.GetElapsedTime(clock);
        var outcomes = new List<ModelOutcome>();
        var installed = new Dictionary<string, Installed>(StringComparer.Ordinal);
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
                case ModelAction.Remove:
                    outcomes.Add(Remove(change));
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
                installed[change.Spec.Name] = Install(change);
                outcomes.Add(Outcome(change.Step == ModelAction.Heal ? ModelStatus.Healed : ModelStatus.Switched, null));
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                var message = $"model {change.Spec.Name}: installing failed: {ex.Message}";
                RememberFailure(change.Spec, message);
                outcomes.Add(Outcome(ModelStatus.Failed, message));
            }
        }
        var afterConsumers = await TellConsumersAsync(plan.Consumers, installed, cancellationToken);
        var final = outcomes.Select(o => afterConsumers.TryGetValue(o.Model, out var told) ? o with { Status = told.Status, Message = told.Message } : o).ToList();
        if (installed.Keys.Any(m => !afterConsumers.ContainsKey(m)) || final.Any(o => o.Status == ModelStatus.Removed))
        {
            CollectGarbage();
        }
        return final;
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
                var report = new ModelDownloadMeter(d.Change.Spec.Name, progress, time, logger);
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Model store: removed {Path}")]
    private partial void LogCollected(string path);
}
