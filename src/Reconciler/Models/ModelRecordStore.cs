using System.Text.Json;

namespace GitOps.Reconciler.Models;

/// <summary>Reads and writes <see cref="ModelRecord"/>s as JSON files, each replaced by rename so a crash leaves the old or the new one.</summary>
public sealed class ModelRecordStore(ModelStore store)
{
    private string Directory => Path.Combine(store.Root, "state");

    private string PathOf(string model) => Path.Combine(Directory, model + ".json");

    public ModelRecord Load(string model)
    {
        try
        {
            return File.Exists(PathOf(model))
                ? JsonSerializer.Deserialize(File.ReadAllText(PathOf(model)), ModelJsonContext.Default.ModelRecord) ?? ModelRecord.Empty
                : ModelRecord.Empty;
        }
        catch (JsonException)
        {
            // A record that cannot be read costs the rollback history, not the model: the store still holds every file.
            return ModelRecord.Empty;
        }
    }

    public IReadOnlyList<string> Models() =>
        System.IO.Directory.Exists(Directory)
            ? [.. System.IO.Directory.EnumerateFiles(Directory, "*.json").Select(f => Path.GetFileNameWithoutExtension(f)).Order(StringComparer.Ordinal)]
            : [];

    public void Save(string model, ModelRecord record)
    {
        System.IO.Directory.CreateDirectory(Directory);
        var temporary = PathOf(model) + ".tmp";
        File.WriteAllText(temporary, JsonSerializer.Serialize(record, ModelJsonContext.Default.ModelRecord));
        File.Move(temporary, PathOf(model), overwrite: true);
    }

    public void Delete(string model) => File.Delete(PathOf(model));
}
