namespace GitOps.Integration.Tests;

/// <summary>
/// Tests that change something every other test depends on, run alone after the parallel ones: the engine itself
/// (stopped and started), images removed from the engine, the registry behind a stalling proxy, a filesystem filled
/// up, the owner lease, process-wide libgit2 timeouts, the package installed on this machine, the demo script, and
/// a pass that runs out of memory.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ExclusiveEngineCollection
{
    public const string Name = "engine-exclusive";
}
