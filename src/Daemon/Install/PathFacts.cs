namespace GitOps.Daemon.Install;

/// <summary>What a file or directory that install manages has now: its mode and its owner's and group's names.</summary>
public sealed record PathFacts(UnixFileMode Mode, string Owner, string Group);
