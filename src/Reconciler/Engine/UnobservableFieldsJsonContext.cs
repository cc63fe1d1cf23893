using System.Text.Json.Serialization;

namespace GitOps.Reconciler.Engine;

/// <summary>
/// The unobservable-fields label, generated at build time. Containers made by earlier agents carry it, so the options
/// are those it was always written with: member names as declared, enums by name.
/// </summary>
[JsonSourceGenerationOptions(UseStringEnumConverter = true)]
[JsonSerializable(typeof(UnobservableFields))]
internal sealed partial class UnobservableFieldsJsonContext : JsonSerializerContext;
