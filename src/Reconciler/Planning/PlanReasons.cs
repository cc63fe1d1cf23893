namespace GitOps.Reconciler.Planning;

/// <summary>The reasons a plan gives, for people. Renderers hide resources that are simply <see cref="UpToDate"/>.</summary>
public static class PlanReasons
{
    public const string UpToDate = "up to date";
    public const string NotDeployed = "not on this host yet";
    public const string NetworkMissing = "network missing";
    public const string VolumeMissing = "volume missing";
    public const string ConfigChanged = "configuration changed";
    public const string ImageIdChanged = "image digest changed for the same tag";
    public const string RegistryDigestChanged = "registry serves a new digest for the tag (pull_policy: always)";
    public const string NotRunning = "container not running";
    public const string NetworkDetached = "container left a network of its service on the host: reconnected with its aliases";
    public const string TemporaryName = "left under a temporary name by an interrupted replace: renamed";
    public const string Retiring = "old container of a start-first replace, out of its service's way: stopped and removed";
    public const string ScaleUp = "scale up";
    public const string ScaleDown = "scale down";
    public const string SelfHealOff = "stopped on the host; self-heal is off for this stack";
    public const string Completed = "one-shot service completed successfully";
    public const string CrashLooping = "keeps exiting on its own and the engine restarts it (restart policy): see its exit code and logs";
    public const string RolledBack = "rolled back earlier: waiting for a new revision (or 'gitops-agent retry')";
    public const string HeldNotRunning = "rolled back earlier and its containers are not running: starting them";
    public const string HeldMissing = "rolled back earlier and no container is left: creating it";
    public const string ServiceRemoved = "service no longer in the stack";
    public const string NetworkRemoved = "network no longer in the stack";
    public const string VolumeDrift = "volume differs from the repo; volumes are never recreated (their data would be lost): recreate it by hand to apply";
    public const string VolumeUndeclared = "volume no longer in the stack; kept with its data";
    public const string StackRemoved = "stack no longer targeted at this host";
    public const string VolumeOfRemovedStack = "kept: the stack is no longer in the repo, so it cannot opt in to removing its volumes";
}
