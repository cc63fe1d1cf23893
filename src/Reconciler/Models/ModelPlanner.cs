using GitOps.Reconciler.Common;
using GitOps.Reconciler.Desired;
using GitOps.Reconciler.Diagnostics;
using GitOps.Reconciler.Planning;

namespace GitOps.Reconciler.Models;

/// <summary>Compares a wanted model with what the host has (pure): missing, another version, a file that differs, the link elsewhere.</summary>
public static class ModelPlanner
{
    public static ModelChange Plan(ModelSpec spec, ModelActual actual)
    {
        var downloads = ValueList.From(spec.Files.Where(f => actual.MissingBlobs.Contains(f.Sha256)).DistinctBy(f => f.Sha256));
        var sizes = new ValueMap<long>(downloads.Where(f => actual.RemainingBytes.ContainsKey(f.Sha256)).Select(f => KeyValuePair.Create(f.Sha256, actual.RemainingBytes[f.Sha256])));
        long? bytes = sizes.Count == downloads.Count ? sizes.Sum(s => s.Value) : null;
        if (actual.Refusal is { } refusal)
        {
            return new ModelChange(spec, ModelAction.Refused, ValueList<FieldChange>.Empty, ValueList<ModelFile>.Empty, refusal);
        }
        if (actual.Record.HeldDigest == spec.Digest)
        {
            return new ModelChange(spec, ModelAction.Held, ValueList<FieldChange>.Empty, ValueList<ModelFile>.Empty,
                $"rolled back: {actual.Record.HeldReason}; held until git changes the model");
        }
        var fields = new List<FieldChange>();
        if (actual.LinkedDigest != spec.Digest)
        {
            if (actual.LinkedDigest is { } other)
            {
                var have = actual.Record.Versions.TryGetValue(other, out var text) ? text : Short(other);
                fields.Add(have == spec.Version ? new FieldChange("digest", Short(spec.Digest), Short(other)) : new FieldChange("version", spec.Version, have));
            }
            else
            {
                fields.Add(actual.Entry switch
                {
                    ModelPathEntry.Missing => new FieldChange("path " + spec.Path, "version " + spec.Version, "nothing"),
                    ModelPathEntry.Directory => new FieldChange("path " + spec.Path, "version " + spec.Version, "a directory (adopted)"),
                    _ => new FieldChange("path " + spec.Path, "version " + spec.Version, "a link to " + actual.LinkTarget),
                });
            }
            var action = actual.Record.Current is null && actual.LinkedDigest is null && actual.Entry != ModelPathEntry.Link ? ModelAction.Create : ModelAction.Update;
            return new ModelChange(spec, action, ValueList.From(fields), downloads, null, bytes) { FromDigest = actual.LinkedDigest, DownloadSizes = sizes };
        }
        foreach (var file in spec.Files)
        {
            if (!actual.Files.TryGetValue(file.Name, out var observed))
            {
                fields.Add(new FieldChange(file.Name, "sha256 " + Short(file.Sha256), "no file"));
            }
            else if (observed != file.Sha256)
            {
                fields.Add(new FieldChange("sha256 of " + file.Name, Short(file.Sha256), Short(observed)));
            }
        }
        foreach (var stray in actual.Files.Keys.Where(name => spec.Files.All(f => f.Name != name)))
        {
            fields.Add(new FieldChange(stray, "no file", "one"));
        }
        return fields.Count == 0 && downloads.Count == 0
            ? new ModelChange(spec, ModelAction.NoOp, ValueList<FieldChange>.Empty, downloads, null)
            : new ModelChange(spec, ModelAction.Heal, ValueList.From(fields), downloads, null, bytes) { FromDigest = actual.LinkedDigest, DownloadSizes = sizes };
    }

    /// <summary>
    /// A model the agent installed that git no longer names for this host (its record is all the agent knows of it): the
    /// link at its path goes only when it is the agent's (a link into this model's versions); anything else there, such as
    /// a directory put back by hand, stays. A directory moved aside when the model was adopted is never touched.
    /// </summary>
    public static ModelChange PlanRemoval(string model, ModelActual actual)
    {
        var record = actual.Record;
        var removed = actual.LinkedDigest ?? record.Current;
        var version = removed is null ? "none" : record.Versions.TryGetValue(removed, out var text) ? text : Short(removed);
        var path = record.Path ?? "";
        var spec = new ModelSpec(model, version, ValueList<ModelFile>.Empty, path, SourcePosition.StartOf($"models/{model}.yaml"))
        {
            Consumers = ValueList.From(record.Consumers),
            Keep = record.Keep,
        };
        var fields = actual.LinkedDigest is not null
            ? ValueList.Of(new FieldChange("path " + path, "nothing", "version " + version))
            : ValueList<FieldChange>.Empty;
        var left = actual.LinkedDigest is not null || path.Length == 0 ? null : actual.Entry switch
        {
            ModelPathEntry.Missing => null,
            ModelPathEntry.Link => $"the link at {path} points to {actual.LinkTarget}, not to this model: left as it is",
            ModelPathEntry.Directory => $"{path} is a directory the agent did not make: left as it is",
            _ => $"{path} is a file the agent did not make: left as it is",
        };
        return new ModelChange(spec, ModelAction.Remove, fields, ValueList<ModelFile>.Empty, left) { FromDigest = removed };
    }

    /// <summary>The first 12 hex digits, with an ellipsis: enough to tell versions apart in a line.</summary>
    public static string Short(string sha256) => sha256.Length > 12 ? sha256[..12] + "…" : sha256;
}
