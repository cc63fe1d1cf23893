namespace GitOps.Reconciler.Desired;

/// <summary>The running container of a stack's service that an <c>exec</c> task runs its command in.</summary>
public sealed record TaskExecTarget(string Stack, string Service);
