namespace GitOps.Integration.Tests;

/// <summary>
/// Tests that run the daemon's host (or a task scheduler) in this process: Quartz keeps its schedulers in a
/// process-wide registry by name, so two at once would share one scheduler. They run one after another, beside the
/// other collections.
/// </summary>
[CollectionDefinition(Name)]
public sealed class AgentHostCollection
{
    public const string Name = "agent-host";
}
