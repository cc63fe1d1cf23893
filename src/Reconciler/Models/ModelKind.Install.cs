using Microsoft.Extensions.Logging;

namespace GitOps.Reconciler.Models;

public sealed partial class ModelKind
{
    /// <summary>A model switched (or healed) in this pass, with the version its consumers ran on before, for a rollback.</summary>
    private sealed record Installed(ModelChange Change, ModelRecord Record, string? Previous);

    /// <summary>Version directory from the store, adopt, atomic switch of the link, record. The consumers are told after every model is in place.</summary>
    private Installed Install(ModelChange change)
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
        // Installing another version than a held one is git naming another version: that hold ends.
        var held = record.HeldDigest == spec.Digest ? record.HeldDigest : null;
        record = record with
        {
            Current = spec.Digest, Previous = history, Versions = versions, Failure = null, FailedDigest = null, Keep = spec.Keep, Path = spec.Path,
            Consumers = [.. spec.Consumers], HeldDigest = held, HeldReason = held is null ? null : record.HeldReason,
        };
        records.Save(spec.Name, record);
        RememberVerified(spec, record);
        LogSwitched(spec.Name, spec.Version, spec.Path);
        return new Installed(change, records.Load(spec.Name), previous);
    }

    /// <summary>Puts the link back on the previous version and holds the failed one; returns the message and whether there was a version to go back to.</summary>
    private (string Message, bool Back) RollBack(Installed installed, string failure)
    {
        var (spec, record, previous) = (installed.Change.Spec, installed.Record, installed.Previous);
        var reason = $"consumer {failure} after the switch to version {spec.Version}";
        if (previous is null)
        {
            // Nothing to go back to (first install): the link stays, the model is held so the consumers are not restarted in a loop.
            records.Save(spec.Name, record with { HeldDigest = spec.Digest, HeldReason = reason });
            LogRollbackImpossible(spec.Name, reason);
            return ($"model {spec.Name}: {reason}; no previous version to roll back to, held", false);
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
        var was = record.Versions.TryGetValue(previous, out var text) ? text : ModelPlanner.Short(previous);
        LogRolledBack(spec.Name, was, reason);
        return ($"model {spec.Name}: {reason}; rolled back to version {was} and held until git changes the model", true);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Model {Model}: switched to version {Version} at {Path}")]
    private partial void LogSwitched(string model, string version, string path);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Model {Model}: moved the existing directory {Path} aside to {Aside} (adopt)")]
    private partial void LogAdopted(string model, string path, string aside);

    [LoggerMessage(Level = LogLevel.Error, Message = "Model {Model}: rolled back to version {Version}: {Reason}")]
    private partial void LogRolledBack(string model, string version, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Model {Model}: {Reason}; no previous version, held")]
    private partial void LogRollbackImpossible(string model, string reason);
}
