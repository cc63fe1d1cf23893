using System.Text.Json;
using System.Text.Json.Serialization;

namespace GitOps.Reconciler.State;

/// <summary>The resources of a reconcile in the history table, generated at build time with the web defaults they were always stored with.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(IReadOnlyList<ResourceOutcome>))]
[JsonSerializable(typeof(List<ResourceOutcome>))]
internal sealed partial class HistoryJsonContext : JsonSerializerContext;
