namespace GitOps.Reconciler.Planning;

/// <summary>A resource of a host plan: its kind, its group (the stack; empty for a task) and its name.</summary>
public sealed record ResourceRef(ResourceKind Kind, string Group, string Name)
{
    public override string ToString() =>
        (Kind == ResourceKind.Container ? "service" : Kind.ToString().ToLowerInvariant()) + " " + (Group.Length == 0 ? Name : Group + "/" + Name);
}

/// <summary>What a kind's resource provides to, or needs from, another kind, matched by <see cref="Key"/>.</summary>
/// <param name="Key">What is provided or needed: <c>network:&lt;engine name&gt;</c>, <c>service:&lt;stack&gt;/&lt;service&gt;</c>.</param>
/// <param name="Reason">For a need: why, for people (<c>task backup joins network ocr_default</c>).</param>
public sealed record PlanLink(string Key, ResourceRef Resource, string Reason = "");

/// <summary>An ordering edge of a host plan: <see cref="Before"/> is applied before <see cref="After"/>.</summary>
public sealed record PlanEdge(ResourceRef Before, ResourceRef After, string Reason)
{
    public override string ToString() => $"{Before} before {After} ({Reason})";
}
