using GitOps.Reconciler.Common;
using GitOps.Reconciler.Planning;

namespace GitOps.Reconciler.Apply;

public enum ApplyStatus
{
    Unchanged,
    Applied,

    /// <summary>The new spec failed its health gate; the previous containers run again.</summary>
    RolledBack,

    Failed,
}

/// <param name="FailedConfigHash">For RolledBack (and a failed gate without anything to roll back to): the config hash
/// that failed, for <see cref="PlanningContext.RolledBack"/>, so the same spec is not retried until the repo changes.</param>
public sealed record ResourceApplyResult(ResourceKind Kind, string Name, ApplyStatus Status, string Reason, string? FailedConfigHash = null)
{
    /// <summary>The exit code of the container that failed its gate (read before it was removed); null when it still ran or is unknown.</summary>
    public int? ExitCode { get; init; }

    /// <summary>That container's last log lines, secrets masked, read before it was removed; null when there was no such container.</summary>
    public ValueList<string>? Logs { get; init; }

    /// <summary>For an Applied service whose containers now run the desired spec (gate passed): its config hash, the last good one.</summary>
    public string? AppliedConfigHash { get; init; }
}

public sealed record StackApplyResult(string Stack, ValueList<ResourceApplyResult> Resources)
{
    /// <summary>The worst outcome of the stack's resources.</summary>
    public ApplyStatus Status => Resources.Count == 0 ? ApplyStatus.Unchanged : Resources.Max(r => r.Status);

    public string? Reason => Resources.Where(r => r.Status >= ApplyStatus.RolledBack).Select(r => $"{r.Name}: {r.Reason}").FirstOrDefault();
}

/// <param name="Refusals">The plan's safety stops; when present nothing was applied.</param>
public sealed record ApplyResult(ValueList<StackApplyResult> Stacks, ValueList<string> Refusals)
{
    public bool Succeeded => Refusals.Count == 0 && Stacks.All(s => s.Status <= ApplyStatus.Applied);
}
