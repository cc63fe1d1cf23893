namespace GitOps.Reconciler.Secrets.Age;

/// <summary>One recipient stanza of an age header: its type, all its arguments (type first) and its body.</summary>
internal sealed record AgeStanza(string Type, IReadOnlyList<string> Arguments, byte[] Body);
