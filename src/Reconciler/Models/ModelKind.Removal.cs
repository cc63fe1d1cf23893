using Microsoft.Extensions.Logging;

namespace GitOps.Reconciler.Models;

public sealed partial class ModelKind
{
    /// <summary>
    /// Removes what the agent made for a model git no longer names: its link (only when it still points into this model's
    /// versions, checked again now), its version directories and its record. Blobs no other model uses are collected after.
    /// Nothing else at the path is touched, nor a directory moved aside by <c>adopt</c>; the consumers are not told.
    /// </summary>
    private ModelOutcome Remove(ModelChange change)
    {
        var model = change.Spec.Name;
        var path = change.Spec.Path;
        try
        {
            if (path.Length > 0 && ModelStore.EntryAt(path) == ModelPathEntry.Link && store.LinkedDigest(model, ModelStore.ReadLink(path)) is not null)
            {
                File.Delete(path);
                LogUnlinked(model, path);
            }
            if (Directory.Exists(store.VersionsOf(model)))
            {
                Directory.Delete(store.VersionsOf(model), recursive: true);
            }
            records.Delete(model);
            LogRemoved(model, change.Why ?? "");
            return new ModelOutcome(model, ModelStatus.Removed, change.Why, 0, TimeSpan.Zero);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return new ModelOutcome(model, ModelStatus.Failed, $"model {model}: removing failed: {ex.Message}", 0, TimeSpan.Zero);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Model {Model}: no longer in git, removed the link {Path}")]
    private partial void LogUnlinked(string model, string path);

    [LoggerMessage(Level = LogLevel.Information, Message = "Model {Model}: no longer in git, its versions and record are removed {Left}")]
    private partial void LogRemoved(string model, string left);
}
