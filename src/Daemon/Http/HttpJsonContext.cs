using System.Text.Json.Serialization;

namespace GitOps.Daemon.Http;

/// <summary>The endpoints' JSON contract, generated at build time, with explicit names.</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(HttpAnswer))]
internal sealed partial class HttpJsonContext : JsonSerializerContext;
