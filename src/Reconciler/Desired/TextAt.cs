using GitOps.Reconciler.Diagnostics;

namespace GitOps.Reconciler.Desired;

/// <summary>A string read from the repo with the position it was written at, kept until per-host substitution.</summary>
public sealed record TextAt(string Text, SourcePosition Position);
