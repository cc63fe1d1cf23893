using GitOps.Reconciler.Common;

namespace GitOps.Reconciler.Models;

/// <summary>One model's part of the plan: what happens, the field-level differences people read, the files to download.</summary>
/// <param name="Fields">"version: want 3.1.1, have 3.1.0", "sha256 of layout.onnx: want 9f2c…, have 03ab…".</param>
/// <param name="Downloads">Files whose blobs are not in the store, one per hash.</param>
/// <param name="Reason">Why the model is refused or held.</param>
public sealed record ModelChange(ModelSpec Spec, ModelAction Action, ValueList<string> Fields, ValueList<ModelFile> Downloads, string? Reason)
{
    public bool HasChanges => Action is ModelAction.Create or ModelAction.Update or ModelAction.Heal;

    /// <summary>The version the consumers currently run on (the previous link), for rollback.</summary>
    public string? FromDigest { get; init; }

    public override string ToString() =>
        $"model {Spec.Name}: {Action}" + (Fields.Count > 0 ? ": " + string.Join("; ", Fields) : "") + (Reason is null ? "" : " (" + Reason + ")");
}
