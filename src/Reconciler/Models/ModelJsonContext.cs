using System.Text.Json.Serialization;

namespace GitOps.Reconciler.Models;

/// <summary>Source-generated JSON for the model records.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true)]
[JsonSerializable(typeof(ModelRecord))]
internal sealed partial class ModelJsonContext : JsonSerializerContext;
