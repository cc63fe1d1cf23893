using GitOps.Reconciler.Diagnostics;

namespace GitOps.Reconciler.Compose;

/// <summary>One <c>KEY=value</c> line of a .env file, its value unquoted and unescaped.</summary>
/// <param name="Literal">The value was single-quoted, so it is never interpolated.</param>
public sealed record DotEnvEntry(string Key, string Value, SourcePosition Position, bool Literal);
