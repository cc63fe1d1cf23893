using System.Text.Json;
using System.Text.Json.Serialization;
using GitOps.Daemon.Http;

namespace GitOps.Daemon.Commands;

/// <summary><c>task run</c>'s reading of the daemon's answers, generated at build time with the web defaults the HTTP client reads with.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(TaskRunCommand.Accepted))]
[JsonSerializable(typeof(TaskRunState))]
internal sealed partial class TaskRunClientJsonContext : JsonSerializerContext;
