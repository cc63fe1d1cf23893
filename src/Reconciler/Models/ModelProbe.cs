using GitOps.Reconciler.Common;
using GitOps.Reconciler.Desired;

namespace GitOps.Reconciler.Models;

/// <summary>
/// Reads one model's actual state from the host: the path, the linked version, and each file's hash — taken from the
/// record when size and mtime are unchanged, computed again when they changed, when a full verify is due
/// (<c>models.verifyInterval</c>) or when asked (<c>drift --refresh</c>).
/// </summary>
public sealed class ModelProbe(ModelStore store, string stateDirectory, ModelsConfig config, TimeProvider time)
{
    /// <returns>The actual state, and whether every file was hashed in full and matched (a verification to remember).</returns>
    public (ModelActual Actual, bool Verified) Read(ModelSpec spec, ModelRecord record, bool verifyAll)
    {
        var name = Path.GetFileName(spec.Path);
        var resolved = PathResolution.Resolve(Path.GetDirectoryName(spec.Path)!) + "/" + name;
        var entry = ModelStore.EntryAt(spec.Path);
        var roots = config.AllowedRoots.Select(PathResolution.Resolve).ToList();
        var refusal = ModelPathPolicy.Refusal(spec, resolved, PathResolution.Resolve(stateDirectory), roots, entry);
        var target = entry == ModelPathEntry.Link ? ModelStore.ReadLink(spec.Path) : null;
        var linked = store.LinkedDigest(spec.Name, target);
        var missing = ValueList.From(spec.Files.Select(f => f.Sha256).Distinct(StringComparer.Ordinal).Where(h => !store.HasBlob(h)));
        var files = new List<KeyValuePair<string, string>>();
        var verified = false;
        if (linked == spec.Digest)
        {
            var due = verifyAll || record.VerifiedAt is not { } at || time.GetUtcNow() - at >= config.VerifyInterval;
            var directory = store.VersionDirectory(spec.Name, spec.Digest);
            var hashedAll = true;
            foreach (var path in Directory.Exists(directory) ? Directory.EnumerateFileSystemEntries(directory) : [])
            {
                var file = Path.GetFileName(path);
                var wanted = spec.Files.FirstOrDefault(f => f.Name == file);
                if (wanted is not null && !due && record.Current == spec.Digest && record.Stamps.TryGetValue(file, out var stamp)
                    && File.Exists(path) && ModelFileStamp.Of(path) == stamp)
                {
                    files.Add(KeyValuePair.Create(file, wanted.Sha256));
                    hashedAll = false;
                    continue;
                }
                files.Add(KeyValuePair.Create(file, File.Exists(path) ? ModelStore.HashFile(path) : "(a directory)"));
            }
            verified = hashedAll && files.Count == spec.Files.Count && spec.Files.All(f => files.Any(o => o.Key == f.Name && o.Value == f.Sha256));
        }
        return (new ModelActual(entry, target, linked, new ValueMap<string>(files), missing, refusal, record), verified);
    }

    /// <summary>What is left on the host of a model git no longer names: what is at its recorded path, and whether it is this model's link.</summary>
    public ModelActual ReadRemoved(string model, ModelRecord record)
    {
        var entry = record.Path is { } path ? ModelStore.EntryAt(path) : ModelPathEntry.Missing;
        var target = entry == ModelPathEntry.Link ? ModelStore.ReadLink(record.Path!) : null;
        return new ModelActual(entry, target, store.LinkedDigest(model, target), ValueMap<string>.Empty, ValueList<string>.Empty, null, record);
    }
}
