namespace GitOps.Reconciler.Models;

/// <summary>Reads what the store holds per model, without the repository: for <c>gitops-agent models</c> on a host.</summary>
public sealed class ModelInventory(ModelStore store, ModelRecordStore records)
{
    public IReadOnlyList<ModelListing> List()
    {
        var models = records.Models();
        return [.. models.Select(Describe)];
    }

    private ModelListing Describe(string model)
    {
        var record = records.Load(model);
        var path = record.Path;
        var versionDirectory = record.Current is { } digest ? store.VersionDirectory(model, digest) : null;
        var files = versionDirectory is not null && Directory.Exists(versionDirectory)
            ? Directory.EnumerateFiles(versionDirectory).Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal).ToList()
            : [];
        var size = Directory.Exists(store.VersionsOf(model))
            ? Directory.EnumerateFiles(store.VersionsOf(model), "*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length)
            : 0;
        var link = path is null ? null : ModelStore.ReadLink(path);
        var state = record.HeldDigest is not null ? "held"
            : record.FailedDigest is not null ? "failed"
            : path is null || link is null ? "missing"
            : link != versionDirectory ? "elsewhere"
            : "in sync";
        var version = record.Current is { } current && record.Versions.TryGetValue(current, out var text) ? text : null;
        return new ModelListing(model, version, record.Current, path, record.Consumers, files, state, size, record.HeldReason ?? record.Failure);
    }
}
