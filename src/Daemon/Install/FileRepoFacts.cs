namespace GitOps.Daemon.Install;

/// <summary>
/// The local repository a <c>file://</c> URL names: its path and owner (null when it does not exist). git and libgit2
/// refuse a repository another user owns, so the agent's account must own it.
/// </summary>
public sealed record FileRepoFacts(string Path, string? Owner);
