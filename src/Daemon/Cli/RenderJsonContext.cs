using System.Text.Json.Serialization;
using GitOps.Reconciler.Desired;

namespace GitOps.Daemon.Cli;

/// <summary>
/// <c>render</c>'s JSON, generated at build time: the desired-state records as they are (camelCase members, enums as
/// camelCase strings). Not a versioned contract: it follows the records, so its names are not pinned by attributes.
/// </summary>
[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(DesiredState))]
[JsonSerializable(typeof(string))]
internal sealed partial class RenderJsonContext : JsonSerializerContext;
