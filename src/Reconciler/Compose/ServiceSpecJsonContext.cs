using System.Text.Json.Serialization;

namespace GitOps.Reconciler.Compose;

/// <summary>
/// The canonical JSON of a <see cref="ServiceSpec"/>, generated at build time. Its bytes are hashed into a container
/// label, so these options must keep writing exactly what the agent always wrote: member names as declared, every
/// member written unless the model says otherwise, enums by name.
/// </summary>
[JsonSourceGenerationOptions(WriteIndented = false, DefaultIgnoreCondition = JsonIgnoreCondition.Never, UseStringEnumConverter = true)]
[JsonSerializable(typeof(ServiceSpec))]
internal sealed partial class ServiceSpecJsonContext : JsonSerializerContext;
