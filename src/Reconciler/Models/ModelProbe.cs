using GitOps.Reconciler.Common;
using GitOps.Reconciler.Desired;

namespace GitOps.Reconciler.Models;

/// <summary>
/// Reads one model's actual state from the host, changing nothing: the path, the linked version, and each file's hash —
/// taken from the record when the file's stamp (size, mtime, inode, ctime) is the one recorded at its last verification,
/// computed again when it changed, when a full verify is due (<c>models.verifyInterval</c>) or when asked
/// (<c>drift --refresh</c>). What it hashed is returned for a pass to remember (<see cref="IModelKind.Remember"/>).
/// </summary>
public sealed class ModelProbe(ModelStore store, string stateDirectory, ModelsConfig config, TimeProvider time)
{
    /// <summary>How a file is hashed in full (replaced in tests, to count the files read).</summary>
    public Func<string, string> Hash { get; init; } = ModelStore.HashFile;

    /// <returns>The actual state, and the files hashed now that matched (null when none was hashed).</returns>
    public (ModelActual Actual, ModelVerification? Verified) Read(ModelSpec spec, ModelRecord record, bool verifyAll)
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
        ModelVerification? verified = null;
        if (linked == spec.Digest)
        {
            var now = time.GetUtcNow();
            var due = verifyAll || record.VerifiedAt is not { } at || now - at >= config.VerifyInterval;
            var directory = store.VersionDirectory(spec.Name, spec.Digest);
            var stamps = new List<KeyValuePair<string, ModelFileStamp>>();
            foreach (var path in Directory.Exists(directory) ? Directory.EnumerateFileSystemEntries(directory) : [])
            {
                var file = Path.GetFileName(path);
                var wanted = spec.Files.FirstOrDefault(f => f.Name == file);
                if (!File.Exists(path))
                {
                    files.Add(KeyValuePair.Create(file, "(a directory)"));
                    continue;
                }
                var stamp = ModelFileStamp.Of(path);
                if (wanted is not null && !due && record.Current == spec.Digest && record.Stamps.TryGetValue(file, out var known) && known == stamp)
                {
                    files.Add(KeyValuePair.Create(file, wanted.Sha256));
                    continue;
                }
                var hash = Hash(path);
                files.Add(KeyValuePair.Create(file, hash));
                if (wanted?.Sha256 == hash)
                {
                    stamps.Add(KeyValuePair.Create(file, stamp));
                }
            }
            if (stamps.Count > 0)
            {
                var complete = stamps.Count == spec.Files.Count && files.Count == spec.Files.Count;
                verified = new ModelVerification(new ValueMap<ModelFileStamp>(stamps), complete, now);
            }
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
