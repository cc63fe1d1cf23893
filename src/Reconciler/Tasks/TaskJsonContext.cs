using System.Text.Json.Serialization;

namespace GitOps.Reconciler.Tasks;

/// <summary>
/// What the job store keeps of a task, generated at build time: the stored spec (names fixed by attributes, enums by
/// name) and the job data map the CLI reads straight from the store. Stores written by earlier agents read the same.
/// </summary>
[JsonSourceGenerationOptions(UseStringEnumConverter = true)]
[JsonSerializable(typeof(StoredTask))]
[JsonSerializable(typeof(Dictionary<string, string>))]
internal sealed partial class TaskJsonContext : JsonSerializerContext;
