namespace GitOps.Reconciler.Models;

/// <summary>
/// What garbage collection removes: version directories beyond each model's current one and its <c>keep</c> previous
/// ones, then blobs that no remaining version references. <see cref="Decide"/> is the pure rule; the rest reads the store.
/// Partial downloads are kept: they are what a resume continues from.
/// </summary>
public sealed class ModelGarbage(ModelStore store, ModelRecordStore records)
{
    /// <summary>The paths to delete, version directories first.</summary>
    public IReadOnlyList<string> Collect()
    {
        var versions = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        var kept = new Dictionary<string, IReadOnlySet<string>>(StringComparer.Ordinal);
        var root = Path.Combine(store.Root, "versions");
        foreach (var model in Directory.Exists(root) ? Directory.EnumerateDirectories(root).Select(d => Path.GetFileName(d)!) : [])
        {
            versions[model] = [.. Directory.EnumerateDirectories(store.VersionsOf(model)).Select(d => Path.GetFileName(d)!)];
            var record = records.Load(model);
            kept[model] = Kept(record);
        }
        var manifests = versions.SelectMany(v => v.Value.Select(d => (Model: v.Key, Digest: d)))
            .ToDictionary(v => v, v => ReadManifest(store.ManifestPath(v.Model, v.Digest)));
        var blobs = Directory.Exists(store.BlobDirectory)
            ? Directory.EnumerateFiles(store.BlobDirectory).Select(Path.GetFileName).Where(n => !n!.Contains('.', StringComparison.Ordinal)).ToList()
            : [];
        var (dropVersions, dropBlobs) = Decide(versions, kept, manifests, blobs!);
        return [.. dropVersions.SelectMany(v => new[] { store.VersionDirectory(v.Model, v.Digest), store.ManifestPath(v.Model, v.Digest) }),
            .. dropBlobs.Select(store.BlobPath)];
    }

    /// <summary>The digests of a model that stay: the current one, <c>keep</c> previous ones, and a held one (so its rollback can be shown).</summary>
    public static IReadOnlySet<string> Kept(ModelRecord record) =>
        new[] { record.Current }.Concat(record.Previous.Take(record.Keep)).OfType<string>().ToHashSet(StringComparer.Ordinal);

    public static (IReadOnlyList<(string Model, string Digest)> Versions, IReadOnlyList<string> Blobs) Decide(
        IReadOnlyDictionary<string, IReadOnlyList<string>> versions,
        IReadOnlyDictionary<string, IReadOnlySet<string>> kept,
        IReadOnlyDictionary<(string Model, string Digest), IReadOnlyList<string>> manifests,
        IReadOnlyList<string> blobs)
    {
        var drop = versions.SelectMany(v => v.Value.Where(d => !kept.TryGetValue(v.Key, out var k) || !k.Contains(d)).Select(d => (v.Key, d)))
            .OrderBy(v => v.Key, StringComparer.Ordinal).ThenBy(v => v.d, StringComparer.Ordinal).ToList();
        var referenced = manifests.Where(m => !drop.Contains(m.Key)).SelectMany(m => m.Value).ToHashSet(StringComparer.Ordinal);
        return (drop, [.. blobs.Where(b => !referenced.Contains(b)).Order(StringComparer.Ordinal)]);
    }

    public static void Delete(string path)
    {
        if (Directory.Exists(path))
        {
            Directory.Delete(path, recursive: true);
        }
        else
        {
            File.Delete(path);
        }
    }

    private static IReadOnlyList<string> ReadManifest(string path) =>
        File.Exists(path) ? [.. File.ReadAllLines(path).Select(l => l.Split(' ')[0]).Where(h => h.Length == 64)] : [];
}
