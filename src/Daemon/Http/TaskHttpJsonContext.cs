using System.Text.Json.Serialization;

namespace GitOps.Daemon.Http;

/// <summary>
/// The task endpoints' JSON contract, generated at build time, with explicit names. Unlike <see cref="HttpJsonContext"/>
/// members left null are written (<c>"runId": null</c> while a run is pending), as these bodies always were.
/// </summary>
[JsonSerializable(typeof(TaskRunState))]
[JsonSerializable(typeof(TaskRunAccepted))]
internal sealed partial class TaskHttpJsonContext : JsonSerializerContext;
