namespace GitOps.Reconciler.Compose;

/// <summary>When to pull: <c>missing</c> (default, also <c>if_not_present</c>), <c>always</c>, <c>never</c>.</summary>
public enum PullPolicy
{
    Missing,
    Always,
    Never,
}
