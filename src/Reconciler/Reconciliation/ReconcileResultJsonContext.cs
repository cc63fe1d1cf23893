using System.Text.Json.Serialization;

namespace GitOps.Reconciler.Reconciliation;

/// <summary>The sync result's JSON contract, generated at build time.</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, WriteIndented = true)]
[JsonSerializable(typeof(ReconcileResultJson))]
public sealed partial class ReconcileResultJsonContext : JsonSerializerContext;
