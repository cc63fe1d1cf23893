using GitOps.Reconciler.Common;
using GitOps.Reconciler.Desired;
using GitOps.Reconciler.Planning;

namespace GitOps.Reconciler.Models;

/// <summary>
/// One model's part of the plan: what happens (<see cref="Step"/>), the field-level differences people read, the files
/// to download. A resource of the host plan like any other (kind <see cref="ResourceKind.Model"/>, no stack), so plan
/// output lists it field by field: install and heal are a <see cref="ChangeAction.Create"/> and an
/// <see cref="ChangeAction.Update"/>; a held or refused model changes nothing (<see cref="ChangeAction.NoOp"/>).
/// </summary>
/// <param name="Fields"><c>version: want 3.1.1, have 3.1.0</c>, <c>sha256 of layout.onnx: want 9f2c…, have 03ab…</c>.</param>
/// <param name="Downloads">Files whose blobs are not in the store, one per hash.</param>
/// <param name="Why">Why the model is refused or held, or what a removal leaves in place; null otherwise.</param>
/// <param name="DownloadBytes">The bytes the downloads still need (resumed partials deducted); null when a source did not say.</param>
public sealed record ModelChange(ModelSpec Spec, ModelAction Step, ValueList<FieldChange> Fields, ValueList<ModelFile> Downloads, string? Why, long? DownloadBytes = null)
    : ResourceChange(ResourceKind.Model, "", Spec.Name, ActionOf(Step), Fields, ReasonOf(Step, Why, Downloads, DownloadBytes))
{
    public const string NotInstalled = "not installed on this host yet";
    public const string OtherVersion = "another version is linked: switch, then tell the consumers";
    public const string Differs = "a file or the link differs from the store: restored";
    public const string Removed = "no longer in git for this host: the link the agent made, its versions and its record are removed";

    public bool HasChanges => Step is ModelAction.Create or ModelAction.Update or ModelAction.Heal or ModelAction.Remove;

    /// <summary>The differences as people read them: <c>version: want 2, have 1</c>.</summary>
    public ValueList<string> Differences => ValueList.From(Fields.Select(f => $"{f.Field}: want {f.Desired}, have {f.Actual}"));

    /// <summary>The version the consumers currently run on (the previous link), for rollback; for a removal, the version removed.</summary>
    public string? FromDigest { get; init; }

    /// <summary>Files planning hashed and found as pinned, for a pass to remember; null when none was hashed.</summary>
    public ModelVerification? Verification { get; init; }

    public override string ToString() =>
        $"model {Spec.Name}: {Step}" + (Fields.Count > 0 ? ": " + string.Join("; ", Differences) : "") + (Why is null ? "" : " (" + Why + ")");

    private static ChangeAction ActionOf(ModelAction step) => step switch
    {
        ModelAction.Create => ChangeAction.Create,
        ModelAction.Update or ModelAction.Heal => ChangeAction.Update,
        ModelAction.Remove => ChangeAction.Delete,
        _ => ChangeAction.NoOp,
    };

    /// <summary>The bytes of each download by hash, where its source said (for the plan's total, counting a shared file once).</summary>
    public ValueMap<long> DownloadSizes { get; init; } = ValueMap<long>.Empty;

    private static string ReasonOf(ModelAction step, string? why, ValueList<ModelFile> downloads, long? bytes)
    {
        var reason = step switch
        {
            ModelAction.Create => NotInstalled,
            ModelAction.Update => OtherVersion,
            ModelAction.Heal => Differs,
            ModelAction.NoOp => PlanReasons.UpToDate,
            ModelAction.Remove => why is null ? Removed : Removed + "; " + why,
            _ => why ?? step.ToString().ToLowerInvariant(),
        };
        if (step is not (ModelAction.Create or ModelAction.Update or ModelAction.Heal))
        {
            return reason;
        }
        return downloads.Count == 0
            ? reason + "; nothing to download (from the store)"
            : reason + "; " + downloads.Count + (downloads.Count == 1 ? " file" : " files") + (bytes is { } b ? ", " + ByteCount.Format(b) : "")
                + " to download (" + string.Join(", ", downloads.Select(f => f.Name)) + (bytes is null ? "; size not announced" : "") + ")";
    }
}
