using GitOps.Reconciler.Planning;

namespace GitOps.Reconciler.Stacks;

/// <summary>Why a container's image is out of date although its reference is unchanged.</summary>
public sealed record StaleImage(FieldChange Field, string Reason);
